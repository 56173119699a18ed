package io.beizeng.config;

import java.io.Serializable;
import java.math.BigDecimal;
import java.util.Map;

/**
 * An industrial park of the plan: its id (the {@code parkId} enterprises carry), names, and per indicator it tracks
 * a target as for districts: the baseline year's value times the multiplier.
 *
 * @param targets by indicator, in the plan's order (OUTPUT_VALUE first when the park has it)
 */
public record ParkPlan(String id, String name, String nameEn, Map<Indicator, Growth> targets) implements Serializable {

    /** A baseline and the multiplier that makes the target of the plan period. */
    public record Growth(BigDecimal baseline, BigDecimal multiplier) implements Serializable {}

    /** "鲁南高科技化工园区 Lunan chemical park", or the name alone. */
    public String displayName() {
        return nameEn == null ? name : name + " " + nameEn;
    }
}
