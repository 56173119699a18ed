package io.beizeng.progress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.beizeng.progress.ProgressFormulas.Status;
import java.math.BigDecimal;
import java.math.RoundingMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ProgressFormulasTest {

    /**
     * Independent check of a rounded annual target v = round(B × M^(p/q)): v is right iff
     * (v − 0.005)^q ≤ B^q · M^p < (v + 0.005)^q, all exact decimal arithmetic.
     */
    private static boolean isCorrectlyRounded(BigDecimal v, BigDecimal b, BigDecimal m, int p, int q) {
        BigDecimal exact = b.pow(q).multiply(m.pow(p));
        BigDecimal half = new BigDecimal("0.005");
        return v.subtract(half).pow(q).compareTo(exact) <= 0 && v.add(half).pow(q).compareTo(exact) > 0;
    }

    @ParameterizedTest
    @CsvSource({
        "31500000000.00, 2.0, 2023, 2023, 2027",
        "31500000000.00, 2.0, 2024, 2023, 2027",
        "31500000000.00, 2.0, 2025, 2023, 2027",
        "31500000000.00, 2.0, 2026, 2023, 2027",
        "31500000000.00, 2.0, 2027, 2023, 2027",
        "12345678.91, 2.0, 2024, 2023, 2026",
        "9999999999999.99, 1.5, 2025, 2023, 2030",
        "0.01, 3.0, 2024, 2023, 2024",
        "777.77, 2.0, 2029, 2023, 2027"
    })
    void annualTargetIsTheCorrectlyRoundedGrowthPath(String b, String m, int year, int base, int target) {
        BigDecimal baseline = new BigDecimal(b);
        BigDecimal multiplier = new BigDecimal(m);
        BigDecimal v = ProgressFormulas.annualTarget(baseline, multiplier, year, base, target);
        assertThat(v.scale()).isEqualTo(2);
        assertThat(isCorrectlyRounded(v, baseline, multiplier, year - base, target - base)).as("%s", v).isTrue();
    }

    @Test
    void annualTargetOfTheBaselineYearIsTheBaselineAndOfTheTargetYearTheTarget() {
        BigDecimal b = new BigDecimal("100.00");
        assertThat(ProgressFormulas.annualTarget(b, new BigDecimal("2"), 2023, 2023, 2027)).isEqualByComparingTo("100.00");
        assertThat(ProgressFormulas.annualTarget(b, new BigDecimal("2"), 2027, 2023, 2027)).isEqualByComparingTo("200.00");
        // 2^(1/4) = 1.189207115..., so the first year's target is 118.92
        assertThat(ProgressFormulas.annualTarget(b, new BigDecimal("2"), 2024, 2023, 2027)).isEqualByComparingTo("118.92");
        // 2^(2/4) = 1.41421356...
        assertThat(ProgressFormulas.annualTarget(b, new BigDecimal("2"), 2025, 2023, 2027)).isEqualByComparingTo("141.42");
    }

    @Test
    void targetValueRoundsHalfUp() {
        assertThat(ProgressFormulas.targetValue(new BigDecimal("0.05"), new BigDecimal("1.5")))
                .isEqualByComparingTo("0.08"); // 0.075 → 0.08
        assertThat(ProgressFormulas.targetValue(new BigDecimal("100.00"), new BigDecimal("2.0")))
                .isEqualByComparingTo("200.00");
    }

    @Test
    void nthRootMatchesDoubleArithmetic() {
        assertThat(ProgressFormulas.nthRoot(new BigDecimal("2"), 4).doubleValue()).isCloseTo(Math.pow(2, 0.25), within(1e-15));
        BigDecimal r = ProgressFormulas.nthRoot(new BigDecimal("2"), 3);
        assertThat(r.pow(3).subtract(new BigDecimal("2")).abs()).isLessThan(new BigDecimal("1E-50"));
    }

    @Test
    void yoyGrowthIsNullWithoutAPriorFigure() {
        assertThat(ProgressFormulas.yoyGrowth(new BigDecimal("10"), null)).isNull();
        assertThat(ProgressFormulas.yoyGrowth(new BigDecimal("10"), new BigDecimal("0.00"))).isNull();
        assertThat(ProgressFormulas.yoyGrowth(new BigDecimal("12"), new BigDecimal("10"))).isCloseTo(0.2, within(1e-15));
        assertThat(ProgressFormulas.yoyGrowth(new BigDecimal("-5"), new BigDecimal("10"))).isCloseTo(-1.5, within(1e-15));
    }

    @Test
    void doublingProgressIsNullWhenTargetEqualsBaseline() {
        assertThat(ProgressFormulas.doublingProgress(new BigDecimal("5"), new BigDecimal("5"), new BigDecimal("5"))).isNull();
        assertThat(ProgressFormulas.doublingProgress(new BigDecimal("150"), new BigDecimal("100"), new BigDecimal("200")))
                .isCloseTo(0.5, within(1e-15));
        assertThat(ProgressFormulas.doublingProgress(new BigDecimal("90"), new BigDecimal("100"), new BigDecimal("200")))
                .isCloseTo(-0.1, within(1e-15));
    }

    @Test
    void statusComparesExactlyAtTheToleranceBoundary() {
        BigDecimal annual = new BigDecimal("1200.00");
        BigDecimal tol = new BigDecimal("0.02");
        // month 6: time progress 0.5; 0.52 exactly is not above 0.5 + 0.02 → ON_TRACK
        assertThat(ProgressFormulas.status(new BigDecimal("624.00"), annual, 6, tol)).isEqualTo(Status.ON_TRACK);
        assertThat(ProgressFormulas.status(new BigDecimal("624.01"), annual, 6, tol)).isEqualTo(Status.AHEAD);
        assertThat(ProgressFormulas.status(new BigDecimal("576.00"), annual, 6, tol)).isEqualTo(Status.ON_TRACK);
        assertThat(ProgressFormulas.status(new BigDecimal("575.99"), annual, 6, tol)).isEqualTo(Status.BEHIND);
        // month 1: 1/12 is not a finite decimal; 100/1200 is exactly on time
        assertThat(ProgressFormulas.status(new BigDecimal("100.00"), annual, 1, BigDecimal.ZERO)).isEqualTo(Status.ON_TRACK);
    }

    @Test
    void rankOrderIsCompletionDescendingThenCode() {
        // 50/100 = 0.5 and 100/200 = 0.5 tie: the lower code first
        assertThat(ProgressFormulas.compareForRank(new BigDecimal("50"), new BigDecimal("100"), "370403",
                new BigDecimal("100"), new BigDecimal("200"), "370402")).isPositive();
        assertThat(ProgressFormulas.compareForRank(new BigDecimal("60"), new BigDecimal("100"), "370403",
                new BigDecimal("100"), new BigDecimal("200"), "370402")).isNegative();
    }

    @Test
    void completionRatioAndTimeProgress() {
        assertThat(ProgressFormulas.completionRatio(new BigDecimal("1"), new BigDecimal("3"))).isCloseTo(1 / 3.0, within(1e-16));
        assertThat(ProgressFormulas.timeProgress(6)).isEqualTo(0.5);
        assertThat(new BigDecimal("0.125").setScale(2, RoundingMode.HALF_UP)).isEqualByComparingTo("0.13");
    }
}
