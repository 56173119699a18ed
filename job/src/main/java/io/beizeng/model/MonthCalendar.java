package io.beizeng.model;

import java.io.Serializable;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * Calendar months (and days) in the plan's time zone. A month is identified by its index {@code year * 12 + month - 1}.
 * Caches the month and the day last looked up, with their bounds: consecutive events mostly fall into the same month
 * and day, and every event asks for them several times (windows, lateness, timers), so the time-zone arithmetic runs
 * once per month and day rather than per question. Not thread-safe: each operator has its own copy.
 */
public final class MonthCalendar implements Serializable {
    private final ZoneId zone;
    // the caches are empty when start >= end, as after deserialization (transient fields are then 0)
    private transient long cachedStart = Long.MAX_VALUE;
    private transient long cachedEnd = Long.MIN_VALUE;
    private transient int cachedIndex;
    private transient long cachedDayStart = Long.MAX_VALUE;
    private transient long cachedDayEnd = Long.MIN_VALUE;
    private transient long cachedDay;

    public MonthCalendar(ZoneId zone) {
        this.zone = zone;
    }

    public ZoneId zone() {
        return zone;
    }

    public static int index(int year, int month) {
        return year * 12 + month - 1;
    }

    public static int year(int index) {
        return Math.floorDiv(index, 12);
    }

    public static int month(int index) {
        return Math.floorMod(index, 12) + 1;
    }

    public static YearMonth yearMonth(int index) {
        return YearMonth.of(year(index), month(index));
    }

    /** The month (index) holding the instant {@code ts}. */
    public int indexOf(long ts) {
        if (ts >= cachedStart && ts < cachedEnd) {
            return cachedIndex;
        }
        ZonedDateTime t = Instant.ofEpochMilli(ts).atZone(zone);
        int index = index(t.getYear(), t.getMonthValue());
        cachedStart = monthStart(index);
        cachedEnd = monthStart(index + 1);
        cachedIndex = index;
        return index;
    }

    /** First instant of the month, epoch ms. */
    public long start(int index) {
        if (cachedStart < cachedEnd) {
            if (index == cachedIndex) {
                return cachedStart;
            }
            if (index == cachedIndex + 1) {
                return cachedEnd;
            }
        }
        return monthStart(index);
    }

    /** First instant after the month, epoch ms. */
    public long end(int index) {
        return start(index + 1);
    }

    private long monthStart(int index) {
        return LocalDate.of(year(index), month(index), 1).atStartOfDay(zone).toInstant().toEpochMilli();
    }

    /** The calendar day (epoch day in the plan's zone) holding the instant {@code ts}. */
    public long dayOf(long ts) {
        if (ts >= cachedDayStart && ts < cachedDayEnd) {
            return cachedDay;
        }
        long day = Instant.ofEpochMilli(ts).atZone(zone).toLocalDate().toEpochDay();
        cachedDayStart = startOfDay(day);
        cachedDayEnd = startOfDay(day + 1);
        cachedDay = day;
        return day;
    }

    /** The day of its month (1–31) holding the instant {@code ts}. */
    public int dayOfMonth(long ts) {
        int index = indexOf(ts);
        return (int) (dayOf(ts) - LocalDate.of(year(index), month(index), 1).toEpochDay()) + 1;
    }

    /** First instant of a day, epoch ms. */
    public long dayStart(long epochDay) {
        if (cachedDayStart < cachedDayEnd) {
            if (epochDay == cachedDay) {
                return cachedDayStart;
            }
            if (epochDay == cachedDay + 1) {
                return cachedDayEnd;
            }
        }
        return startOfDay(epochDay);
    }

    private long startOfDay(long epochDay) {
        return LocalDate.ofEpochDay(epochDay).atStartOfDay(zone).toInstant().toEpochMilli();
    }

    /**
     * Whether the month of {@code ts} is closed for good at {@code watermark}: its last instant plus the allowed
     * lateness is at or behind the watermark. The same rule as Flink's window lateness, so an event admitted here
     * is never late in the monthly windows downstream.
     */
    public boolean isClosed(long ts, long watermark, long allowedLatenessMs) {
        long lastInstant = end(indexOf(ts)) - 1;
        long cleanup = lastInstant + allowedLatenessMs;
        if (cleanup < lastInstant) {
            cleanup = Long.MAX_VALUE;
        }
        return cleanup <= watermark;
    }
}
