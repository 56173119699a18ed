package io.beizeng.config;

import java.io.Serializable;
import java.math.BigDecimal;

/**
 * An industrial park of the plan: its id (the {@code parkId} enterprises carry), names, and its output value target
 * as for districts: the baseline year's output times the multiplier.
 */
public record ParkPlan(String id, String name, String nameEn, BigDecimal baseline, BigDecimal multiplier)
        implements Serializable {}
