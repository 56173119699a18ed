package io.beizeng.progress;

import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * Exact sums of one district's month, in cents. Each sum is a 128-bit two's-complement integer (hi, lo), so that
 * no realistic or hostile sequence of amounts (each below 10^15 cents) can overflow it. A Flink POJO.
 */
public final class MonthAccumulator {
    public long outputHi;
    public long outputLo;
    public long revenueHi;
    public long revenueLo;
    public long events;

    public void add(long outputCents, long revenueCents) {
        long lo = outputLo + outputCents;
        outputHi += (outputCents >> 63) + (Long.compareUnsigned(lo, outputLo) < 0 ? 1 : 0);
        outputLo = lo;
        lo = revenueLo + revenueCents;
        revenueHi += (revenueCents >> 63) + (Long.compareUnsigned(lo, revenueLo) < 0 ? 1 : 0);
        revenueLo = lo;
        events++;
    }

    public MonthAccumulator merge(MonthAccumulator other) {
        long lo = outputLo + other.outputLo;
        outputHi += other.outputHi + (Long.compareUnsigned(lo, outputLo) < 0 ? 1 : 0);
        outputLo = lo;
        lo = revenueLo + other.revenueLo;
        revenueHi += other.revenueHi + (Long.compareUnsigned(lo, revenueLo) < 0 ? 1 : 0);
        revenueLo = lo;
        events += other.events;
        return this;
    }

    public BigDecimal outputValue() {
        return yuan(outputHi, outputLo);
    }

    public BigDecimal revenue() {
        return yuan(revenueHi, revenueLo);
    }

    static BigDecimal yuan(long hi, long lo) {
        if ((hi == 0 && lo >= 0) || (hi == -1 && lo < 0)) {
            return BigDecimal.valueOf(lo, 2);
        }
        BigInteger unsignedLo = new BigInteger(Long.toUnsignedString(lo));
        return new BigDecimal(BigInteger.valueOf(hi).shiftLeft(64).add(unsignedLo), 2);
    }
}
