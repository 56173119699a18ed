package io.beizeng.runtime;

import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * Exact sums of integer amounts (cents, counts) in a fixed number of slots, and the number of events summed. Each
 * slot is a 128-bit two's-complement integer, so that no realistic or hostile sequence of amounts (each below 10^15
 * cents) can overflow it. A Flink POJO: window accumulators are of this type.
 */
public final class ExactSums {
    /** Slot i is words[2i] (high) and words[2i + 1] (low). */
    public long[] words;
    public long events;
    /** The latest event time summed (epoch ms), {@link Long#MIN_VALUE} before any. */
    public long latestEventMs = Long.MIN_VALUE;

    /** For Flink's POJO serializer. */
    public ExactSums() {
        this(0);
    }

    public ExactSums(int slots) {
        words = new long[2 * slots];
    }

    public int slots() {
        return words.length / 2;
    }

    /** Adds {@code value} to a slot (not counting an event). */
    public void add(int slot, long value) {
        int hi = 2 * slot;
        long lo = words[hi + 1] + value;
        words[hi] += (value >> 63) + (Long.compareUnsigned(lo, words[hi + 1]) < 0 ? 1 : 0);
        words[hi + 1] = lo;
    }

    /** Adds one event with its amounts, slot by slot, at its event time. */
    public void addEvent(long[] amounts, long eventMs) {
        for (int i = 0; i < amounts.length; i++) {
            add(i, amounts[i]);
        }
        events++;
        latestEventMs = Math.max(latestEventMs, eventMs);
    }

    /** Adds the other's sums and events to this one's (the slots must be the same). */
    public ExactSums merge(ExactSums other) {
        long[] w = words;
        long[] o = other.words;
        for (int hi = 0; hi < w.length; hi += 2) {
            long lo = w[hi + 1] + o[hi + 1];
            w[hi] += o[hi] + (Long.compareUnsigned(lo, w[hi + 1]) < 0 ? 1 : 0);
            w[hi + 1] = lo;
        }
        events += other.events;
        latestEventMs = Math.max(latestEventMs, other.latestEventMs);
        return this;
    }

    /** A slot's sum as a decimal with {@code scale} fraction digits (2 for cents, 0 for counts, 3 for Wh). */
    public BigDecimal value(int slot, int scale) {
        long hi = words[2 * slot];
        long lo = words[2 * slot + 1];
        if ((hi == 0 && lo >= 0) || (hi == -1 && lo < 0)) {
            return BigDecimal.valueOf(lo, scale);
        }
        BigInteger unsignedLo = new BigInteger(Long.toUnsignedString(lo));
        return new BigDecimal(BigInteger.valueOf(hi).shiftLeft(64).add(unsignedLo), scale);
    }

    /** A slot's sum as a long, where it is known to fit (counts). */
    public long count(int slot) {
        return words[2 * slot + 1];
    }
}
