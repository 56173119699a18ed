package io.beizeng.progress;

import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.streaming.api.TimerService;

/**
 * Coalesces updates: an operator that keeps result rows flushes them at most once per update interval of
 * processing time, and once more at the end of input (the final watermark fires the event-time timer at
 * {@code Long.MAX_VALUE}), so a bounded run always ends with its final rows written.
 */
public final class FlushTimers {
    private FlushTimers() {}

    public static void schedule(TimerService timers, ValueState<Long> pending, long intervalMs) throws Exception {
        if (pending.value() == null) {
            long at = timers.currentProcessingTime() + intervalMs;
            timers.registerProcessingTimeTimer(at);
            pending.update(at);
        }
        timers.registerEventTimeTimer(Long.MAX_VALUE);
    }

    /** Call from onTimer before flushing. */
    public static void fired(ValueState<Long> pending, boolean processingTime) {
        if (processingTime) {
            pending.clear();
        }
    }
}
