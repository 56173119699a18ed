package io.beizeng.config;

import java.io.Serializable;
import java.math.BigDecimal;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import io.beizeng.model.Chain;
import io.beizeng.model.LeadingTier;

/**
 * A doubling plan, read from the plan file by {@link PlanLoader}. Immutable and validated: every district has a
 * positive baseline (or annual target) for every indicator. {@code majorProjectThreshold}: a SIGNED project at or
 * above this amount (CNY) is a major project. {@code chainIndicators}: the production flows tracked per industry
 * chain city-wide; {@code clusterTargets}: what each chain is to reach in {@code clusterIndicator} ("2121"), chains
 * without one have none. {@code parks}: the industrial parks with their targets per indicator. {@code leadingTiers}:
 * the trailing 12-month revenue (CNY) that makes a leading enterprise of each tier (5 and 10 billion).
 * {@code population}: persons per district, for per-capita figures ({@link Population#NONE} without).
 * {@code assessment}: the quarterly assessment's indicators, weights and grades (null: no assessment).
 * {@code projectRules}: when key projects' lights turn.
 */
public record Plan(
        String planId,
        String name,
        ZoneId timezone,
        int baselineYear,
        int targetYear,
        BigDecimal statusTolerance,
        Region city,
        List<Region> districts,
        Map<Indicator, IndicatorPlan> indicators,
        BigDecimal majorProjectThreshold,
        List<Indicator> chainIndicators,
        Indicator clusterIndicator,
        Map<Chain, BigDecimal> clusterTargets,
        List<ParkPlan> parks,
        Map<LeadingTier, BigDecimal> leadingTiers,
        Population population,
        Assessment assessment,
        ProjectRules projectRules)
        implements Serializable {

    public boolean hasDistrict(String code) {
        return districts.stream().anyMatch(d -> d.code().equals(code));
    }

    public IndicatorPlan indicator(Indicator indicator) {
        return indicators.get(indicator);
    }

    /** First year whose events the plan uses: the year before the baseline (for YoY and rolling sums). */
    public int firstEventYear() {
        return baselineYear - 1;
    }

    /**
     * Last year whose events the plan accepts: two years past the target year, so that a late finish stays
     * visible; anything later is an error of the sender.
     */
    public int lastEventYear() {
        return targetYear + 2;
    }
}
