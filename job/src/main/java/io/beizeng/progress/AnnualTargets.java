package io.beizeng.progress;

import io.beizeng.config.Plan;
import java.io.Serializable;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;

/**
 * {@link ProgressFormulas#annualTarget} for a plan's years, each computed once: a target takes a 60-digit root, and
 * a live job recomputes the same few dozen rows at every update.
 */
final class AnnualTargets implements Serializable {
    private final int baselineYear;
    private final int targetYear;
    private transient Map<Key, BigDecimal> computed;

    private record Key(BigDecimal baseline, BigDecimal multiplier, int year) {}

    AnnualTargets(Plan plan) {
        this.baselineYear = plan.baselineYear();
        this.targetYear = plan.targetYear();
    }

    BigDecimal of(BigDecimal baseline, BigDecimal multiplier, int year) {
        if (computed == null) {
            computed = new HashMap<>();
        }
        // BigDecimal's equals compares the scale too: equal keys are the very same inputs
        return computed.computeIfAbsent(new Key(baseline, multiplier, year),
                k -> ProgressFormulas.annualTarget(k.baseline(), k.multiplier(), k.year(), baselineYear, targetYear));
    }
}
