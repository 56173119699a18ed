package io.beizeng.progress;

import io.beizeng.config.Plan;
import io.beizeng.model.ChainProgressRow;
import io.beizeng.model.DistrictMonthTotal;
import io.beizeng.model.ParkProgressRow;
import org.apache.flink.util.OutputTag;
import io.beizeng.model.DistrictProgressRow;
import io.beizeng.model.MonthCalendar;
import io.beizeng.model.ProgressAlert;
import io.beizeng.model.LeadingStatus;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
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

/**
 * Keeps the latest total of every district and month of a plan (keyed by planId, so one subtask sees them all and
 * emits each row in order) and, once per update interval, recomputes the plan's rows of the months that can have
 * changed and emits those that did: district_progress on the main output, chain_progress and park_progress on side
 * outputs.
 */
public final class ProgressUpdater
        extends KeyedCoProcessFunction<String, DistrictMonthTotal, LeadingStatus, DistrictProgressRow> {
    public static final OutputTag<ProgressAlert> ALERTS =
            new OutputTag<>("progress-alerts", TypeInformation.of(ProgressAlert.class));
    public static final OutputTag<LeadingStatus> LEADING_ROWS =
            new OutputTag<>("leading-enterprises", TypeInformation.of(LeadingStatus.class));
    public static final OutputTag<ChainProgressRow> CHAIN_ROWS =
            new OutputTag<>("chain-progress", TypeInformation.of(ChainProgressRow.class));
    public static final OutputTag<ParkProgressRow> PARK_ROWS =
            new OutputTag<>("park-progress", TypeInformation.of(ParkProgressRow.class));

    private final ProgressCalculator calculator;
    private final long allowedLatenessMs;
    private final MonthCalendar calendar;
    private final int firstMonth;
    /** Per region|indicator: the status of the last final month, and how many final months running it was last. */
    private transient MapState<String, String> finalStatus;
    private transient MapState<String, Integer> lastStreak;
    private final long updateIntervalMs;
    private transient MapState<String, DistrictMonthTotal> totals;
    private transient MapState<String, LeadingStatus> leading;
    private transient WrittenRows written;
    /** Per region: when a row of it was last written (epoch ms), exposed as gauge beizeng_region_lastUpdateMs. */
    private transient Map<String, long[]> lastUpdate;
    private transient org.apache.flink.metrics.Counter rowsWritten;
    private transient ValueState<Long> pendingFlush;
    /** Per key: which months the next flush recomputes. Not checkpointed: after a restore it recomputes all. */
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

    public ProgressUpdater(Plan plan, long updateIntervalMs, long allowedLatenessMs) {
        this.calculator = new ProgressCalculator(plan);
        this.updateIntervalMs = updateIntervalMs;
        this.allowedLatenessMs = allowedLatenessMs;
        this.calendar = new MonthCalendar(plan.timezone());
        this.firstMonth = MonthCalendar.index(plan.baselineYear(), 1);
    }

    @Override
    public void open(OpenContext openContext) {
        totals = getRuntimeContext().getMapState(new MapStateDescriptor<>(
                "district-month-totals", Types.STRING, TypeInformation.of(DistrictMonthTotal.class)));
        written = new WrittenRows();
        lastUpdate = new HashMap<>();
        rowsWritten = getRuntimeContext().getMetricGroup().addGroup("beizeng").counter("districtProgressRowsWritten");
        finalStatus = getRuntimeContext().getMapState(
                new MapStateDescriptor<>("final-status", Types.STRING, Types.STRING));
        lastStreak = getRuntimeContext().getMapState(new MapStateDescriptor<>("last-streak", Types.STRING, Types.INT));
        leading = getRuntimeContext().getMapState(new MapStateDescriptor<>(
                "leading-standings", Types.STRING, TypeInformation.of(LeadingStatus.class)));
        pendingFlush = getRuntimeContext().getState(new ValueStateDescriptor<>("pending-flush", Types.LONG));
        toRecompute = new HashMap<>();
    }

    @Override
    public void processElement1(DistrictMonthTotal total, Context ctx, Collector<DistrictProgressRow> out)
            throws Exception {
        totals.put(total.key(), total);
        FlushTimers.schedule(ctx.timerService(), pendingFlush, updateIntervalMs);
        int month = MonthCalendar.index(total.year(), total.month());
        monthsToRecompute(ctx.getCurrentKey()).changed(month);
        if (month >= firstMonth) {
            ctx.timerService().registerEventTimeTimer(finalAt(month));
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
        List<DistrictMonthTotal> all = new ArrayList<>();
        for (DistrictMonthTotal t : totals.values()) {
            all.add(t);
        }
        List<LeadingStatus> standings = new ArrayList<>();
        for (LeadingStatus l : leading.values()) {
            standings.add(l);
            if (changed("leading|" + l.planId() + '|' + l.key(), l)) {
                ctx.output(LEADING_ROWS, l);
            }
        }
        long now = System.currentTimeMillis();
        MonthsToRecompute months = monthsToRecompute(ctx.getCurrentKey());
        int from = months.from();
        int latest = Integer.MIN_VALUE;
        for (DistrictProgressRow row : calculator.rows(all, standings, from, Integer.MAX_VALUE)) {
            latest = Math.max(latest, MonthCalendar.index(row.year(), row.month()));
            if (changed(row.key(), row)) {
                out.collect(row);
                rowsWritten.inc();
                lastUpdate.computeIfAbsent(row.regionCode(), code -> {
                    long[] at = new long[1];
                    getRuntimeContext().getMetricGroup().addGroup("beizeng").addGroup("region", code)
                            .gauge("lastUpdateMs", (org.apache.flink.metrics.Gauge<Long>) () -> at[0]);
                    return at;
                })[0] = now;
            }
        }
        for (ChainProgressRow row : calculator.chainRows(all, from)) {
            if (changed(row.key(), row)) {
                ctx.output(CHAIN_ROWS, row);
            }
        }
        for (ParkProgressRow row : calculator.parkRows(all, from)) {
            if (changed(row.key(), row)) {
                ctx.output(PARK_ROWS, row);
            }
        }
        months.computed(latest);
    }

    /**
     * A month has become final: compare each region's status with the previous final month's, and count districts
     * ranked last. Final figures never change, so each alert is raised once; the state that decides it is
     * checkpointed with the figures.
     */
    private void raiseAlerts(int month, Context ctx) throws Exception {
        List<DistrictMonthTotal> all = new ArrayList<>();
        for (DistrictMonthTotal t : totals.values()) {
            all.add(t);
        }
        List<LeadingStatus> standings = new ArrayList<>();
        for (LeadingStatus l : leading.values()) {
            standings.add(l);
        }
        Map<String, Integer> districtsPerIndicator = new HashMap<>();
        List<DistrictProgressRow> rows = new ArrayList<>();
        for (DistrictProgressRow row : calculator.rows(all, standings, month, month)) {
            rows.add(row);
            if (row.rank() != null) {
                districtsPerIndicator.merge(row.indicator(), 1, Integer::sum);
            }
        }
        for (DistrictProgressRow row : rows) {
            String key = row.regionCode() + '|' + row.indicator();
            String before = finalStatus.get(key);
            if (before != null && !before.equals(row.status())) {
                ctx.output(ALERTS, alert(row, ProgressAlert.STATUS_CHANGED, before));
            }
            finalStatus.put(key, row.status());
            if (row.rank() != null) {
                boolean last = row.rank().equals(districtsPerIndicator.get(row.indicator()));
                Integer streak = lastStreak.get(key);
                int now = last ? (streak == null ? 0 : streak) + 1 : 0;
                lastStreak.put(key, now);
                if (now == 3) {
                    ctx.output(ALERTS, alert(row, ProgressAlert.LAST_THREE_MONTHS, before));
                }
            }
        }
    }

    private static ProgressAlert alert(DistrictProgressRow r, String kind, String previousStatus) {
        return new ProgressAlert(r.planId(), r.regionCode(), r.regionLevel(), r.indicator(), r.year(), r.month(), kind,
                previousStatus, r.status(), r.rank(), r.completionRatio(), r.timeProgress(), r.ytdValue(),
                r.annualTarget());
    }

    private MonthsToRecompute monthsToRecompute(Object key) {
        return toRecompute.computeIfAbsent(key, k -> new MonthsToRecompute());
    }

    /** Whether a row differs from what was written last; remembers it. */
    private boolean changed(String key, Record row) {
        return written.changed(key, row);
    }
}
