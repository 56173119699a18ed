package io.beizeng.progress;

import io.beizeng.model.MonthCalendar;
import java.util.Collection;
import java.util.List;
import org.apache.flink.api.common.ExecutionConfig;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.streaming.api.windowing.assigners.WindowAssigner;
import org.apache.flink.streaming.api.windowing.triggers.Trigger;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;

/** Event-time tumbling windows of calendar months in the plan's time zone (months differ in length). */
public final class MonthWindows extends WindowAssigner<Object, TimeWindow> {
    private final MonthCalendar calendar;
    private final long earlyInterval;

    /** @param earlyIntervalMs how often open months emit early results (processing time); 0 for none */
    public MonthWindows(MonthCalendar calendar, long earlyIntervalMs) {
        this.calendar = calendar;
        this.earlyInterval = earlyIntervalMs;
    }

    @Override
    public Collection<TimeWindow> assignWindows(Object element, long timestamp, WindowAssignerContext context) {
        int month = calendar.indexOf(timestamp);
        return List.of(new TimeWindow(calendar.start(month), calendar.end(month)));
    }

    @Override
    public Trigger<Object, TimeWindow> getDefaultTrigger() {
        return new MonthTrigger(earlyInterval);
    }

    @Override
    public TypeSerializer<TimeWindow> getWindowSerializer(ExecutionConfig executionConfig) {
        return new TimeWindow.Serializer();
    }

    @Override
    public boolean isEventTime() {
        return true;
    }

    @Override
    public String toString() {
        return "MonthWindows(" + calendar.zone() + ")";
    }
}
