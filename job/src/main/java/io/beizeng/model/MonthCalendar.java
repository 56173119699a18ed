package io.beizeng.model;

import java.io.Serializable;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;

/**
 * Calendar months (and days) in the plan's time zone. A month is identified by its index {@code year * 12 + month - 1}.
 * Caches the month and the day last looked up, with their bounds: consecutive events mostly fall into the same month
 * and day, and every event asks for them several times (windows, lateness, timers), so the time-zone arithmetic runs
 * once per month and day rather than per question. The day of an instant is arithmetic on the zone's offset, held
 * until the zone's next transition, so that events of interleaved days do not miss the cache. Not thread-safe: each
 * operator has its own copy.
 */
public final class MonthCalendar implements Serializable {
    private static final long DAY_MS = 86_400_000L;
    private final ZoneId zone;
    // the caches are empty when start >= end, as after deserialization (transient fields are then 0)
    private transient long cachedStart = Long.MAX_VALUE;
    private transient long cachedEnd = Long.MIN_VALUE;
    private transient int cachedIndex;
    private transient long cachedFirstDay;
    private transient long cachedDayStart = Long.MAX_VALUE;
    private transient long cachedDayEnd = Long.MIN_VALUE;
    private transient long cachedDay;
    // the zone's offset and the instants it holds for, from the last transition to the next: within them a day is
    // arithmetic, whichever days the events interleave (empty when from >= until)
    private transient long offsetMs;
    private transient long offsetFrom = Long.MAX_VALUE;
    private transient long offsetUntil = Long.MIN_VALUE;

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
        cachedFirstDay = LocalDate.of(year(index), month(index), 1).toEpochDay();
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
        if (ts < offsetFrom || ts >= offsetUntil) {
            holdOffsetAt(ts);
            if (ts < offsetFrom || ts >= offsetUntil) {
                return Instant.ofEpochMilli(ts).atZone(zone).toLocalDate().toEpochDay();
            }
        }
        return Math.floorDiv(ts + offsetMs, DAY_MS);
    }

    private void holdOffsetAt(long ts) {
        ZoneRules rules = zone.getRules();
        Instant at = Instant.ofEpochMilli(ts);
        offsetMs = rules.getOffset(at).getTotalSeconds() * 1000L;
        // the last transition at or before ts (transitions fall on whole seconds), and the first after it
        ZoneOffsetTransition last = rules.previousTransition(at.plusMillis(1));
        ZoneOffsetTransition next = rules.nextTransition(at);
        // a day away from the ends of long, so that ts + offset cannot overflow
        long from = last == null ? Long.MIN_VALUE : last.getInstant().toEpochMilli();
        long until = next == null ? Long.MAX_VALUE : next.getInstant().toEpochMilli();
        offsetFrom = Math.max(from, Long.MIN_VALUE + DAY_MS);
        offsetUntil = Math.min(until, Long.MAX_VALUE - DAY_MS);
    }

    /** The day of its month (1–31) holding the instant {@code ts}. */
    public int dayOfMonth(long ts) {
        indexOf(ts); // caches the first day of ts's month
        return (int) (dayOf(ts) - cachedFirstDay) + 1;
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
        cachedDayStart = startOfDay(epochDay);
        cachedDayEnd = startOfDay(epochDay + 1);
        cachedDay = epochDay;
        return cachedDayStart;
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
