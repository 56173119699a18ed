package io.beizeng.config;

import java.io.Serializable;
import java.math.BigDecimal;
import java.util.Map;

/**
 * The plan for one indicator. Either growth from a baseline: {@code multiplier} and each district's
 * {@code baselines} (annual value in the baseline year); or, for counts of events per year (MAJOR_PROJECTS),
 * {@code annualTargets} per district. {@code minYoyGrowth}, when set, is a growth floor: a region whose YTD YoY growth
 * is below it is BEHIND.
 */
public record IndicatorPlan(
        BigDecimal multiplier,
        Map<String, BigDecimal> baselines,
        Map<String, BigDecimal> annualTargets,
        BigDecimal minYoyGrowth)
        implements Serializable {

    /** The city's baseline: the sum of its districts'. */
    public BigDecimal cityBaseline() {
        return sum(baselines);
    }

    /** The city's annual count target: the sum of its districts'. */
    public BigDecimal cityAnnualTarget() {
        return sum(annualTargets);
    }

    private static BigDecimal sum(Map<String, BigDecimal> values) {
        return values == null ? null : values.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
    }
}
