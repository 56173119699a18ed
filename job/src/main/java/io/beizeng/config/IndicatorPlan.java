package io.beizeng.config;

import java.io.Serializable;
import java.math.BigDecimal;
import java.util.Map;

/**
 * The plan for one indicator: by how much the baseline year's value is to grow by the target year, and each
 * district's baseline (annual value in the baseline year).
 */
public record IndicatorPlan(BigDecimal multiplier, Map<String, BigDecimal> baselines) implements Serializable {

    /** The city's baseline: the sum of its districts'. */
    public BigDecimal cityBaseline() {
        return baselines.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
    }
}
