package io.beizeng.progress;

import io.beizeng.model.MonthCalendar;
import java.util.Collection;
import java.util.List;
import org.apache.flink.api.common.ExecutionConfig;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.streaming.api.windowing.assigners.WindowAssigner;
import org.apache.flink.streaming.api.windowing.triggers.Trigger;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;

/**
 * Event-time tumbling windows of calendar months or days in the plan's time zone (months differ in length, and a
 * day need not be 24 hours where clocks change), with the early results of {@link MonthTrigger}.
 */
public final class CalendarWindows extends WindowAssigner<Object, TimeWindow> {
    public enum Unit { MONTH, DAY }

    private final MonthCalendar calendar;
    private final Unit unit;
    private final long earlyInterval;

    private CalendarWindows(MonthCalendar calendar, Unit unit, long earlyIntervalMs) {
        this.calendar = calendar;
        this.unit = unit;
        this.earlyInterval = earlyIntervalMs;
    }

    /** @param earlyIntervalMs how often open windows emit early results (processing time); 0 for none */
    public static CalendarWindows months(MonthCalendar calendar, long earlyIntervalMs) {
        return new CalendarWindows(calendar, Unit.MONTH, earlyIntervalMs);
    }

    public static CalendarWindows days(MonthCalendar calendar, long earlyIntervalMs) {
        return new CalendarWindows(calendar, Unit.DAY, earlyIntervalMs);
    }

    @Override
    public Collection<TimeWindow> assignWindows(Object element, long timestamp, WindowAssignerContext context) {
        return List.of(windowOf(timestamp));
    }

    /** The calendar month or day an instant falls in. */
    public TimeWindow windowOf(long timestamp) {
        if (unit == Unit.MONTH) {
            int month = calendar.indexOf(timestamp);
            return new TimeWindow(calendar.start(month), calendar.end(month));
        }
        long day = calendar.dayOf(timestamp);
        return new TimeWindow(calendar.dayStart(day), calendar.dayStart(day + 1));
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
        return "CalendarWindows(" + unit + ", " + calendar.zone() + ")";
    }
}
