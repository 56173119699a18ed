package io.beizeng.progress;

import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * Exact sums of one district's month: two amounts in cents, a count and the number of events. Each amount is a
 * 128-bit two's-complement integer (hi, lo), so that no realistic or hostile sequence of amounts (each below 10^15
 * cents) can overflow it. Production uses the amounts for output value and revenue; investment for industrial and
 * technical-renovation investment, and the count for major projects. A Flink POJO.
 */
public final class MonthAccumulator {
    public long firstHi;
    public long firstLo;
    public long secondHi;
    public long secondLo;
    public long count;
    public long events;

    public void add(long firstCents, long secondCents) {
        long lo = firstLo + firstCents;
        firstHi += (firstCents >> 63) + (Long.compareUnsigned(lo, firstLo) < 0 ? 1 : 0);
        firstLo = lo;
        lo = secondLo + secondCents;
        secondHi += (secondCents >> 63) + (Long.compareUnsigned(lo, secondLo) < 0 ? 1 : 0);
        secondLo = lo;
        events++;
    }

    public MonthAccumulator merge(MonthAccumulator other) {
        long lo = firstLo + other.firstLo;
        firstHi += other.firstHi + (Long.compareUnsigned(lo, firstLo) < 0 ? 1 : 0);
        firstLo = lo;
        lo = secondLo + other.secondLo;
        secondHi += other.secondHi + (Long.compareUnsigned(lo, secondLo) < 0 ? 1 : 0);
        secondLo = lo;
        count += other.count;
        events += other.events;
        return this;
    }

    public BigDecimal first() {
        return yuan(firstHi, firstLo);
    }

    public BigDecimal second() {
        return yuan(secondHi, secondLo);
    }

    /** The second sum with another scale (e.g. 3 for kWh counted in Wh). */
    public BigDecimal second(int scale) {
        return decimal(secondHi, secondLo, scale);
    }

    static BigDecimal yuan(long hi, long lo) {
        return decimal(hi, lo, 2);
    }

    private static BigDecimal decimal(long hi, long lo, int scale) {
        if ((hi == 0 && lo >= 0) || (hi == -1 && lo < 0)) {
            return BigDecimal.valueOf(lo, scale);
        }
        BigInteger unsignedLo = new BigInteger(Long.toUnsignedString(lo));
        return new BigDecimal(BigInteger.valueOf(hi).shiftLeft(64).add(unsignedLo), scale);
    }
}
