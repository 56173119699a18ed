package io.beizeng.towns;

import io.beizeng.runtime.FlushTimers;
import io.beizeng.progress.ProgressFormulas;
import io.beizeng.runtime.WrittenRows;
import io.beizeng.model.TownActivityRow;
import io.beizeng.model.TownDayTotal;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.TimeDomain;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * The "65 towns, dynamic monitoring" view, keyed by planId: keeps the recent days of every town, and once per update
 * interval ranks the towns of each day by output value and compares each with the same weekday a week earlier.
 * A day is dropped from state (its rows stay in the table) once the watermark is a week past the time its window
 * stops taking late events: until then it may change, and then its week-ago day must still be there. Each day has an
 * event-time timer for that, so a quiet stream forgets its days too; the rows are written first.
 */
public final class TownActivity extends KeyedProcessFunction<String, TownDayTotal, TownActivityRow> {
    private final String planId;
    private final io.beizeng.model.MonthCalendar calendar;
    /** How long after its end a day window still takes late events, plus a week. */
    private final long keepAfterEndMs;
    private final long updateIntervalMs;
    /** By epoch day, the day's towns. */
    private transient MapState<Long, Map<String, TownDayTotal>> days;
    /**
     * The week-ago output value each held day was compared with, kept with the day: the week-ago day leaves state
     * a week earlier, and a restore writes the held days again.
     */
    private transient MapState<TownDayTotal.Key, BigDecimal> weekAgo;
    private transient ValueState<Long> pendingFlush;
    private transient WrittenRows written;

    public TownActivity(String planId, io.beizeng.model.MonthCalendar calendar, long windowLatenessMs,
            long updateIntervalMs) {
        this.planId = planId;
        this.calendar = calendar;
        this.keepAfterEndMs = windowLatenessMs + java.time.Duration.ofDays(8).toMillis();
        this.updateIntervalMs = updateIntervalMs;
    }

    @Override
    public void open(OpenContext openContext) {
        days = getRuntimeContext().getMapState(new MapStateDescriptor<>("town-days", Types.LONG,
                Types.MAP(Types.STRING, TypeInformation.of(TownDayTotal.class))));
        weekAgo = getRuntimeContext().getMapState(new MapStateDescriptor<>(
                "week-ago-output", TypeInformation.of(TownDayTotal.Key.class), Types.BIG_DEC));
        pendingFlush = getRuntimeContext().getState(new ValueStateDescriptor<>("pending-flush", Types.LONG));
        written = new WrittenRows();
    }

    @Override
    public void processElement(TownDayTotal t, Context ctx, Collector<TownActivityRow> out) throws Exception {
        Map<String, TownDayTotal> day = days.get(t.epochDay());
        if (day == null) {
            day = new HashMap<>();
            ctx.timerService().registerEventTimeTimer(dropAt(t.epochDay()));
        }
        day.put(t.townCode(), t);
        days.put(t.epochDay(), day);
        FlushTimers.schedule(ctx.timerService(), pendingFlush, updateIntervalMs);
    }

    /** The first watermark at which a day is forgotten. */
    private long dropAt(long epochDay) {
        return calendar.dayStart(epochDay + 1) + keepAfterEndMs + 1;
    }

    /**
     * A flush (the update interval, or the end of input) writes the rows of every day held that changed; a day's
     * own timer writes its rows and those of the day a week later, which is compared with it and final by then, and
     * forgets it.
     */
    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<TownActivityRow> out) throws Exception {
        if (ctx.timeDomain() == TimeDomain.PROCESSING_TIME || timestamp == Long.MAX_VALUE) {
            TreeMap<Long, Map<String, TownDayTotal>> all = new TreeMap<>();
            for (Map.Entry<Long, Map<String, TownDayTotal>> e : days.entries()) {
                all.put(e.getKey(), e.getValue());
            }
            write(all, out);
            return;
        }
        long day = calendar.dayOf(timestamp - keepAfterEndMs - 1) - 1;
        TreeMap<Long, Map<String, TownDayTotal>> due = new TreeMap<>();
        for (long d : new long[] {day, day + 7}) {
            Map<String, TownDayTotal> towns = days.get(d);
            if (towns != null) {
                due.put(d, towns);
            }
        }
        write(due, out);
        Map<String, TownDayTotal> dropped = days.get(day);
        if (dropped != null) {
            for (TownDayTotal t : dropped.values()) {
                weekAgo.remove(t.key());
                written.forget(t.key());
            }
            days.remove(day);
        }
    }

    /** Writes the rows of these days that changed, comparing each with a week earlier (held, or as remembered). */
    private void write(TreeMap<Long, Map<String, TownDayTotal>> these, Collector<TownActivityRow> out)
            throws Exception {
        Map<TownDayTotal.Key, BigDecimal> weekAgoOutput = new HashMap<>();
        TreeMap<Long, List<TownDayTotal>> byDay = new TreeMap<>();
        for (Map.Entry<Long, Map<String, TownDayTotal>> e : these.entrySet()) {
            byDay.put(e.getKey(), new ArrayList<>(e.getValue().values()));
            Map<String, TownDayTotal> before = days.get(e.getKey() - 7);
            for (TownDayTotal t : e.getValue().values()) {
                TownDayTotal then = before == null ? null : before.get(t.townCode());
                if (then != null) {
                    weekAgoOutput.put(t.key(), then.outputValue());
                    weekAgo.put(t.key(), then.outputValue());
                } else if (weekAgo.contains(t.key())) {
                    weekAgoOutput.put(t.key(), weekAgo.get(t.key()));
                }
            }
        }
        for (TownActivityRow row : rows(planId, byDay, weekAgoOutput)) {
            if (written.changed(row.key(), row)) {
                out.collect(row);
            }
        }
    }

    /** Rows of every day held: rank by output value (descending, ties by town code), change against a week ago. */
    static List<TownActivityRow> rows(String planId, TreeMap<Long, List<TownDayTotal>> byDay,
            Map<TownDayTotal.Key, BigDecimal> weekAgoOutput) {
        List<TownActivityRow> rows = new ArrayList<>();
        for (Map.Entry<Long, List<TownDayTotal>> e : byDay.entrySet()) {
            List<TownDayTotal> towns = new ArrayList<>(e.getValue());
            towns.sort((a, b) -> {
                int c = b.outputValue().compareTo(a.outputValue());
                return c != 0 ? c : a.townCode().compareTo(b.townCode());
            });
            for (int i = 0; i < towns.size(); i++) {
                TownDayTotal t = towns.get(i);
                BigDecimal before = weekAgoOutput.get(t.key());
                rows.add(new TownActivityRow(planId, t.townCode(), t.epochDay(), t.outputValue(), t.electricityKwh(),
                        t.reportingEnterprises(), i + 1, before, ProgressFormulas.yoyGrowth(t.outputValue(), before)));
            }
        }
        return rows;
    }
}
