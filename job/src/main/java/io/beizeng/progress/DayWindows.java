package io.beizeng.progress;

import io.beizeng.model.MonthCalendar;
import java.util.Collection;
import java.util.List;
import org.apache.flink.api.common.ExecutionConfig;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.streaming.api.windowing.assigners.WindowAssigner;
import org.apache.flink.streaming.api.windowing.triggers.Trigger;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;

/** Event-time tumbling windows of calendar days in the plan's time zone, with early results like months'. */
public final class DayWindows extends WindowAssigner<Object, TimeWindow> {
    private final MonthCalendar calendar;
    private final long earlyInterval;

    public DayWindows(MonthCalendar calendar, long earlyIntervalMs) {
        this.calendar = calendar;
        this.earlyInterval = earlyIntervalMs;
    }

    @Override
    public Collection<TimeWindow> assignWindows(Object element, long timestamp, WindowAssignerContext context) {
        long day = calendar.dayOf(timestamp);
        return List.of(new TimeWindow(calendar.dayStart(day), calendar.dayStart(day + 1)));
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
        return "DayWindows(" + calendar.zone() + ")";
    }
}
