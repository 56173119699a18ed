package io.beizeng.progress;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * The plan's formulas, as pure functions. Amounts are exact decimals (CNY, 2 fraction digits); ratios are
 * computed from exact quotients and only then turned into doubles; status and rank compare exact quotients, so
 * no rounding can flip them.
 */
public final class ProgressFormulas {
    private static final MathContext PRECISE = new MathContext(60, RoundingMode.HALF_EVEN);
    private static final MathContext RATIO = MathContext.DECIMAL128;
    private static final BigDecimal TWELVE = BigDecimal.valueOf(12);

    public enum Status { AHEAD, ON_TRACK, BEHIND }

    private ProgressFormulas() {}

    /** target_value = B × M, rounded half-up to 0.01. */
    public static BigDecimal targetValue(BigDecimal baseline, BigDecimal multiplier) {
        return baseline.multiply(multiplier).setScale(2, RoundingMode.HALF_UP);
    }

    /**
     * annual_target = B × M^((year − baselineYear) / (targetYear − baselineYear)), rounded half-up to 0.01: the
     * path of constant growth from the baseline to the target (e.g. 2^(1/4) − 1 ≈ 18.9 % a year to double in 4).
     */
    public static BigDecimal annualTarget(
            BigDecimal baseline, BigDecimal multiplier, int year, int baselineYear, int targetYear) {
        int steps = year - baselineYear;
        int span = targetYear - baselineYear;
        if (span <= 0) {
            throw new IllegalArgumentException("targetYear must be after baselineYear");
        }
        BigInteger gcd = BigInteger.valueOf(Math.abs(steps)).gcd(BigInteger.valueOf(span));
        int p = steps / gcd.intValue();
        int q = span / gcd.intValue();
        BigDecimal factor = q == 1 ? integerPower(multiplier, p) : integerPower(nthRoot(multiplier, q), p);
        return baseline.multiply(factor, PRECISE).setScale(2, RoundingMode.HALF_UP);
    }

    private static BigDecimal integerPower(BigDecimal x, int p) {
        if (p >= 0) {
            return x.pow(p, PRECISE);
        }
        return BigDecimal.ONE.divide(x.pow(-p, PRECISE), PRECISE);
    }

    /** The positive n-th root of x > 0 to 60 significant digits (Newton's method). */
    static BigDecimal nthRoot(BigDecimal x, int n) {
        BigDecimal nBig = BigDecimal.valueOf(n);
        BigDecimal guess = BigDecimal.valueOf(Math.pow(x.doubleValue(), 1.0 / n));
        BigDecimal tolerance = BigDecimal.ONE.movePointLeft(58);
        for (int i = 0; i < 200; i++) {
            BigDecimal next = guess.multiply(BigDecimal.valueOf(n - 1))
                    .add(x.divide(guess.pow(n - 1, PRECISE), PRECISE))
                    .divide(nBig, PRECISE);
            if (next.subtract(guess).abs().compareTo(tolerance.multiply(next)) <= 0) {
                return next;
            }
            guess = next;
        }
        return guess;
    }

    /** An amount per person, rounded half-up to 0.01. */
    public static BigDecimal perCapita(BigDecimal amount, long persons) {
        return amount.divide(BigDecimal.valueOf(persons), 2, RoundingMode.HALF_UP);
    }

    /** ytd / prior − 1; null when prior is null or zero. */
    public static Double yoyGrowth(BigDecimal ytd, BigDecimal prior) {
        if (prior == null || prior.signum() == 0) {
            return null;
        }
        return ytd.divide(prior, RATIO).subtract(BigDecimal.ONE).doubleValue();
    }

    /** ytd / annual target; null for a target of zero (nothing required: counts of leading enterprises). */
    public static Double completionRatio(BigDecimal ytd, BigDecimal annualTarget) {
        return annualTarget.signum() == 0 ? null : ytd.divide(annualTarget, RATIO).doubleValue();
    }

    /** month / 12: "time half, task half". */
    public static double timeProgress(int month) {
        return month / 12.0;
    }

    /** (rolling12 − B) / (target − B); null when target equals the baseline (a multiplier of 1). */
    public static Double doublingProgress(BigDecimal rolling12, BigDecimal baseline, BigDecimal target) {
        BigDecimal span = target.subtract(baseline);
        if (span.signum() == 0) {
            return null;
        }
        return rolling12.subtract(baseline).divide(span, RATIO).doubleValue();
    }

    /**
     * AHEAD if ytd/annual > month/12 + tolerance, BEHIND if ytd/annual < month/12 − tolerance, else ON_TRACK;
     * compared exactly as 12·ytd against annual·(month ± 12·tolerance).
     */
    public static Status status(BigDecimal ytd, BigDecimal annualTarget, int month, BigDecimal tolerance) {
        if (annualTarget.signum() == 0) {
            return Status.ON_TRACK;
        }
        BigDecimal lhs = ytd.multiply(TWELVE);
        BigDecimal slack = tolerance.multiply(TWELVE);
        BigDecimal m = BigDecimal.valueOf(month);
        if (lhs.compareTo(annualTarget.multiply(m.add(slack))) > 0) {
            return Status.AHEAD;
        }
        if (lhs.compareTo(annualTarget.multiply(m.subtract(slack))) < 0) {
            return Status.BEHIND;
        }
        return Status.ON_TRACK;
    }

    /**
     * A growth floor: true when YTD YoY growth is known and below {@code floor}, compared exactly as
     * ytd &lt; prior × (1 + floor) with prior &gt; 0.
     */
    public static boolean belowGrowthFloor(BigDecimal ytd, BigDecimal prior, BigDecimal floor) {
        if (prior == null || prior.signum() <= 0) {
            return false;
        }
        return ytd.compareTo(prior.multiply(BigDecimal.ONE.add(floor))) < 0;
    }

    /**
     * Orders by completion ratio descending, exactly (ytd_a · annual_b against ytd_b · annual_a, annual targets
     * positive), ties by region code ascending; regions with a target of zero come last, by code.
     */
    public static int compareForRank(
            BigDecimal ytdA, BigDecimal annualA, String codeA, BigDecimal ytdB, BigDecimal annualB, String codeB) {
        if (annualA.signum() == 0 || annualB.signum() == 0) {
            // regions with nothing to achieve rank after the others
            int byTarget = Integer.compare(annualB.signum(), annualA.signum());
            return byTarget != 0 ? byTarget : codeA.compareTo(codeB);
        }
        int byCompletion = ytdB.multiply(annualA).compareTo(ytdA.multiply(annualB));
        return byCompletion != 0 ? byCompletion : codeA.compareTo(codeB);
    }
}
