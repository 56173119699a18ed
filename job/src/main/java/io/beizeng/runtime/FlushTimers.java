package io.beizeng.runtime;

import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.streaming.api.TimerService;

/**
 * Coalesces updates: an operator that keeps result rows flushes them at most once per update interval of
 * processing time, and once more at the end of input (the final watermark fires the event-time timer at
 * {@code Long.MAX_VALUE}), so a bounded run always ends with its final rows written.
 *
 * <p>A flush follows its first update soon, a tenth of the interval later ({@link #flushAt}), unless the last one
 * was less than an interval ago. The stages between a source and a table each flush periodically, and each receives
 * the previous one's flush as a burst: were every burst to wait a whole interval, the waits would add up along the
 * chain.
 */
public final class FlushTimers {
    private FlushTimers() {}

    /**
     * Arms a flush unless one is armed.
     *
     * @param flush the time of the armed flush, or of the last one once it is past (null: none yet)
     */
    public static void schedule(TimerService timers, ValueState<Long> flush, long intervalMs) throws Exception {
        long at = armAt(timers.currentProcessingTime(), flush.value(), intervalMs);
        if (at >= 0) {
            timers.registerProcessingTimeTimer(at);
            flush.update(at);
        }
        timers.registerEventTimeTimer(Long.MAX_VALUE);
    }

    /**
     * When to arm a flush for an update that comes at {@code now}, or -1 when one is armed already.
     *
     * @param armedOrLast the time of the armed flush, or of the last one once it is past, or null
     */
    public static long armAt(long now, Long armedOrLast, long intervalMs) {
        return armedOrLast != null && armedOrLast > now ? -1 : flushAt(now, armedOrLast, intervalMs);
    }

    /**
     * When to flush an update that comes at {@code now}: after a tenth of the interval (so that a burst of updates
     * goes out in one flush), and at least an interval after the last flush.
     *
     * @param last the time of the last flush, or null
     */
    static long flushAt(long now, Long last, long intervalMs) {
        long soon = now + Math.max(1, intervalMs / 10);
        return last == null ? soon : Math.max(soon, last + intervalMs);
    }
}
