package io.beizeng.progress;

import io.beizeng.runtime.FlushTimers;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.windowing.triggers.Trigger;
import org.apache.flink.streaming.api.windowing.triggers.TriggerResult;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;

/**
 * Fires a calendar window (a month or a day) when the watermark passes its end; while it is open, early when new
 * events came in, at most once per {@code earlyInterval} of processing time and soon after the first of them
 * ({@link FlushTimers#armAt}); and at once for each event that arrives within the allowed lateness after the end
 * (corrections are rare, and a bounded run must not end with one unreported).
 */
final class MonthTrigger extends Trigger<Object, TimeWindow> {
    private static final ValueStateDescriptor<Long> EARLY_TIMER = new ValueStateDescriptor<>("early-timer", Types.LONG);
    private final long earlyInterval;

    MonthTrigger(long earlyInterval) {
        this.earlyInterval = earlyInterval;
    }

    @Override
    public TriggerResult onElement(Object element, long timestamp, TimeWindow window, TriggerContext ctx)
            throws Exception {
        if (window.maxTimestamp() <= ctx.getCurrentWatermark()) {
            return TriggerResult.FIRE;
        }
        ctx.registerEventTimeTimer(window.maxTimestamp());
        if (earlyInterval > 0) {
            // the time of the armed early firing, or of the last one once it is past
            ValueState<Long> early = ctx.getPartitionedState(EARLY_TIMER);
            long at = FlushTimers.armAt(ctx.getCurrentProcessingTime(), early.value(), earlyInterval);
            if (at >= 0) {
                ctx.registerProcessingTimeTimer(at);
                early.update(at);
            }
        }
        return TriggerResult.CONTINUE;
    }

    @Override
    public TriggerResult onProcessingTime(long time, TimeWindow window, TriggerContext ctx) throws Exception {
        return TriggerResult.FIRE;
    }

    @Override
    public TriggerResult onEventTime(long time, TimeWindow window, TriggerContext ctx) throws Exception {
        if (time != window.maxTimestamp()) {
            return TriggerResult.CONTINUE;
        }
        clearEarlyTimer(ctx);
        return TriggerResult.FIRE;
    }

    @Override
    public void clear(TimeWindow window, TriggerContext ctx) throws Exception {
        ctx.deleteEventTimeTimer(window.maxTimestamp());
        clearEarlyTimer(ctx);
    }

    private static void clearEarlyTimer(TriggerContext ctx) throws Exception {
        ValueState<Long> early = ctx.getPartitionedState(EARLY_TIMER);
        Long at = early.value();
        if (at != null) {
            ctx.deleteProcessingTimeTimer(at);
            early.clear();
        }
    }

    @Override
    public String toString() {
        return "MonthTrigger(early every " + earlyInterval + " ms)";
    }
}
