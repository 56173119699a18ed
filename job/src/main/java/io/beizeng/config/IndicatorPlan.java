package io.beizeng.config;

import java.io.Serializable;
import java.math.BigDecimal;
import java.util.Map;

/**
 * The plan for one indicator. Either growth from a baseline: {@code multiplier} and each district's
 * {@code baselines} (annual value in the baseline year), with {@code multipliers} overriding the multiplier for
 * some districts (targets differentiated by district); or, for counts of events per year (MAJOR_PROJECTS),
 * {@code annualTargets} per district. {@code minYoyGrowth}, when set, is a growth floor: a region whose YTD YoY growth
 * is below it is BEHIND.
 */
public record IndicatorPlan(
        BigDecimal multiplier,
        Map<String, BigDecimal> baselines,
        Map<String, BigDecimal> multipliers,
        Map<String, BigDecimal> annualTargets,
        BigDecimal minYoyGrowth)
        implements Serializable {

    /** The multiplier of a district: its own where the plan differentiates it, else the indicator's. */
    public BigDecimal multiplier(String district) {
        BigDecimal own = multipliers == null ? null : multipliers.get(district);
        return own != null ? own : multiplier;
    }

    /**
     * Whether some district has a multiplier of its own: then the city's targets are the sums of its districts'
     * (rounded) ones, not the city's baseline times the multiplier.
     */
    public boolean hasDistrictMultipliers() {
        return multipliers != null && !multipliers.isEmpty();
    }

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
