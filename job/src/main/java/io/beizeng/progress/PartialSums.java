package io.beizeng.progress;

import io.beizeng.config.JobSettings;
import io.beizeng.model.Cell;
import io.beizeng.runtime.ExactSums;
import io.beizeng.runtime.LocalCombiner;

/**
 * Sums of some events of one cell and one calendar window, combined inside a task before the shuffle to the windows
 * ({@link #combiner}).
 *
 * @param windowEnd the end of the window (exclusive), in epoch ms
 */
public record PartialSums(Cell cell, long windowEnd, ExactSums sums) {

    /** What the combiner combines by: the cell within one window. */
    public Slot slot() {
        return new Slot(cell, windowEnd);
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

    public record Slot(Cell cell, long windowEnd) {}

    /** The combiner of per-event sums before their shuffle to the windows. */
    public static LocalCombiner<PartialSums> combiner(JobSettings settings) {
        return new LocalCombiner<>(PartialSums::slot, PartialSums::plus, PartialSums::lastInstant,
                settings.combineIntervalMs(), 100_000);
    }
}
