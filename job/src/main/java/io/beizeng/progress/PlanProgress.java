package io.beizeng.progress;

import io.beizeng.runtime.WrittenRows;
import io.beizeng.runtime.FlushTimers;
import io.beizeng.config.Plan;
import io.beizeng.model.ChainProgressRow;
import io.beizeng.model.DistrictProgressRow;
import io.beizeng.model.LeadingStatus;
import io.beizeng.model.MonthCalendar;
import io.beizeng.model.MonthTotal;
import io.beizeng.model.ParkProgressRow;
import io.beizeng.model.ProgressAlert;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.TimeDomain;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Keeps a plan's monthly totals and leading standings (keyed by planId, so one subtask sees them all) and decides
 * when its rows are computed: once per update interval, the months that can have changed ({@link DistrictProgress},
 * {@link ChainProgress}, {@link ParkProgress}), emitting the rows that did; and when a month becomes final (its end
 * plus the allowed lateness passes), its alerts ({@link ProgressAlerts}). district_progress rows on the main output,
 * chain_progress, park_progress and alerts on side outputs.
 */
public final class PlanProgress
        extends KeyedCoProcessFunction<String, MonthTotal, LeadingStatus, DistrictProgressRow> {
    public static final OutputTag<ProgressAlert> ALERTS =
            new OutputTag<>("progress-alerts", TypeInformation.of(ProgressAlert.class));
    public static final OutputTag<ChainProgressRow> CHAIN_ROWS =
            new OutputTag<>("chain-progress", TypeInformation.of(ChainProgressRow.class));
    public static final OutputTag<ParkProgressRow> PARK_ROWS =
            new OutputTag<>("park-progress", TypeInformation.of(ParkProgressRow.class));

    private final DistrictProgress districts;
    private final ChainProgress chains;
    private final ParkProgress parks;
    private final long allowedLatenessMs;
    private final long updateIntervalMs;
    private final MonthCalendar calendar;
    private final int firstMonth;
    private transient MapState<MonthTotal.Key, MonthTotal> totals;
    private transient MapState<LeadingStatus.Key, LeadingStatus> leading;
    /** What each series remembers of the final months so far (alerts). */
    private transient MapState<ProgressAlerts.Series, ProgressAlerts.Memory> memory;
    private transient ValueState<Long> pendingFlush;
    /** Not checkpointed: after a restore everything is written again once, and all months recomputed. */
    private transient WrittenRows written;
    private transient Map<Object, MonthsToRecompute> toRecompute;

    /**
     * The months a flush recomputes: from the earliest month whose totals or standings changed since the last flush
     * (later months look back on it), and every month after the latest one the last flush computed (the first total
     * of a new month brings rows for the empty months before it too).
     */
    static final class MonthsToRecompute {
        private int earliestChanged = Integer.MIN_VALUE;
        private int latestComputed = Integer.MIN_VALUE;

        void changed(int month) {
            earliestChanged = Math.min(earliestChanged, month);
        }

        int from() {
            return latestComputed == Integer.MIN_VALUE ? Integer.MIN_VALUE
                    : Math.min(earliestChanged, latestComputed + 1);
        }

        void computed(int latestMonth) {
            earliestChanged = Integer.MAX_VALUE;
            latestComputed = Math.max(latestComputed, latestMonth);
        }
    }

    public PlanProgress(Plan plan, long updateIntervalMs, long allowedLatenessMs) {
        this.districts = new DistrictProgress(plan);
        this.chains = new ChainProgress(plan);
        this.parks = new ParkProgress(plan);
        this.updateIntervalMs = updateIntervalMs;
        this.allowedLatenessMs = allowedLatenessMs;
        this.calendar = new MonthCalendar(plan.timezone());
        this.firstMonth = MonthCalendar.index(plan.baselineYear(), 1);
    }

    @Override
    public void open(OpenContext openContext) {
        totals = getRuntimeContext().getMapState(new MapStateDescriptor<>("month-totals",
                TypeInformation.of(MonthTotal.Key.class), TypeInformation.of(MonthTotal.class)));
        leading = getRuntimeContext().getMapState(new MapStateDescriptor<>("leading-standings",
                TypeInformation.of(LeadingStatus.Key.class), TypeInformation.of(LeadingStatus.class)));
        memory = getRuntimeContext().getMapState(new MapStateDescriptor<>("final-months-memory",
                TypeInformation.of(ProgressAlerts.Series.class), TypeInformation.of(ProgressAlerts.Memory.class)));
        pendingFlush = getRuntimeContext().getState(new ValueStateDescriptor<>("pending-flush", Types.LONG));
        written = new WrittenRows();
        toRecompute = new HashMap<>();
    }

    @Override
    public void processElement1(MonthTotal total, Context ctx, Collector<DistrictProgressRow> out) throws Exception {
        totals.put(total.key(), total);
        FlushTimers.schedule(ctx.timerService(), pendingFlush, updateIntervalMs);
        monthsToRecompute(ctx.getCurrentKey()).changed(total.month());
        if (total.month() >= firstMonth) {
            ctx.timerService().registerEventTimeTimer(finalAt(total.month()));
        }
    }

    /** When a month can no longer change: its end plus the allowed lateness has passed. */
    private long finalAt(int month) {
        long end = calendar.end(month) - 1;
        long at = end + allowedLatenessMs;
        return at < end ? Long.MAX_VALUE - 1 : at;
    }

    @Override
    public void processElement2(LeadingStatus status, Context ctx, Collector<DistrictProgressRow> out)
            throws Exception {
        leading.put(status.key(), status);
        FlushTimers.schedule(ctx.timerService(), pendingFlush, updateIntervalMs);
        monthsToRecompute(ctx.getCurrentKey()).changed(MonthCalendar.index(status.year(), status.month()));
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<DistrictProgressRow> out) throws Exception {
        if (ctx.timeDomain() == TimeDomain.EVENT_TIME && timestamp != Long.MAX_VALUE) {
            int month = calendar.indexOf(timestamp - allowedLatenessMs);
            if (finalAt(month) == timestamp) {
                raiseAlerts(month, ctx);
            }
            return;
        }
        PlanTotals all = PlanTotals.of(list(totals.values()));
        MonthsToRecompute months = monthsToRecompute(ctx.getCurrentKey());
        int from = months.from();
        int latest = Integer.MIN_VALUE;
        for (DistrictProgressRow row : districts.rows(all, list(leading.values()), from, Integer.MAX_VALUE)) {
            latest = Math.max(latest, MonthCalendar.index(row.year(), row.month()));
            if (written.changed(row.key(), row)) {
                out.collect(row);
            }
        }
        for (ChainProgressRow row : chains.rows(all, from)) {
            if (written.changed(row.key(), row)) {
                ctx.output(CHAIN_ROWS, row);
            }
        }
        for (ParkProgressRow row : parks.rows(all, from)) {
            if (written.changed(row.key(), row)) {
                ctx.output(PARK_ROWS, row);
            }
        }
        months.computed(latest);
    }

    /** A month has become final: its alerts, from its rows and what each series remembers. */
    private void raiseAlerts(int month, Context ctx) throws Exception {
        List<DistrictProgressRow> rows =
                districts.rows(PlanTotals.of(list(totals.values())), list(leading.values()), month, month);
        Map<ProgressAlerts.Series, ProgressAlerts.Memory> before = new HashMap<>();
        for (DistrictProgressRow row : rows) {
            ProgressAlerts.Series series = new ProgressAlerts.Series(row.regionCode(), row.indicator());
            ProgressAlerts.Memory m = memory.get(series);
            if (m != null) {
                before.put(series, m);
            }
        }
        ProgressAlerts.Outcome outcome = ProgressAlerts.raise(rows, before);
        memory.putAll(outcome.memory());
        for (ProgressAlert alert : outcome.alerts()) {
            ctx.output(ALERTS, alert);
        }
    }

    private static <T> List<T> list(Iterable<T> values) {
        List<T> all = new ArrayList<>();
        values.forEach(all::add);
        return all;
    }

    private MonthsToRecompute monthsToRecompute(Object key) {
        return toRecompute.computeIfAbsent(key, k -> new MonthsToRecompute());
    }
}
