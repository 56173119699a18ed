package io.beizeng.testing;

import io.beizeng.config.Indicator;

/** A production event's amounts for tests that give only its output value and revenue (the other amounts 0). */
public final class Amounts {
    private Amounts() {}

    public static long[] of(long outputValueCents, long revenueCents) {
        long[] amounts = new long[Indicator.measuresOf(Indicator.Source.PRODUCTION).size()];
        amounts[Indicator.OUTPUT_VALUE.slot()] = outputValueCents;
        amounts[Indicator.REVENUE.slot()] = revenueCents;
        return amounts;
    }
}
