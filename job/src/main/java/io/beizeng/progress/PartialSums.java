package io.beizeng.progress;

import io.beizeng.runtime.LocalCombiner;
/**
 * Sums of some events of one window key (a district, chain and park, or a town) and one calendar window, combined
 * inside a task before the shuffle to the windows (see {@link LocalCombiner}).
 *
 * @param windowEnd the end of the window (exclusive), in epoch ms
 */
public record PartialSums(String key, long windowEnd, MonthAccumulator sums) {

    /** What the combiner combines by: the key within one window. */
    public Slot slot() {
        return new Slot(key, windowEnd);
    }

    /** Adds the other's sums to this one's (the combiner's reduce function). */
    public PartialSums plus(PartialSums other) {
        sums.merge(other.sums);
        return this;
    }

    /** The last instant of the window: a watermark at or past it may fire the window, so the combiner flushes. */
    public long lastInstant() {
        return windowEnd - 1;
    }

    public record Slot(String key, long windowEnd) {}
}
