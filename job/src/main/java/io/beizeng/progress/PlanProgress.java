package io.beizeng.progress;

import io.beizeng.runtime.WrittenRows;
import io.beizeng.runtime.FlushTimers;
import io.beizeng.config.Plan;
import io.beizeng.model.AnnualReviewRow;
import io.beizeng.model.AssessmentScore;
import io.beizeng.model.AssessmentTotal;
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
import java.util.TreeMap;
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
 * plus the allowed lateness passes), its alerts ({@link ProgressAlerts}); the quarterly assessment and annual review
 * of the months computed ({@link QuarterlyAssessment}, {@link AnnualReview}), final once their month is.
 * district_progress rows on the main output, the other tables' rows and alerts on side outputs.
 */
public final class PlanProgress
        extends KeyedCoProcessFunction<String, MonthTotal, LeadingStatus, DistrictProgressRow> {
    public static final OutputTag<ProgressAlert> ALERTS =
            new OutputTag<>("progress-alerts", TypeInformation.of(ProgressAlert.class));
    public static final OutputTag<ChainProgressRow> CHAIN_ROWS =
            new OutputTag<>("chain-progress", TypeInformation.of(ChainProgressRow.class));
    public static final OutputTag<ParkProgressRow> PARK_ROWS =
            new OutputTag<>("park-progress", TypeInformation.of(ParkProgressRow.class));
    public static final OutputTag<AssessmentScore> ASSESSMENT_SCORES =
            new OutputTag<>("quarterly-assessment", TypeInformation.of(AssessmentScore.class));
    public static final OutputTag<AssessmentTotal> ASSESSMENT_TOTALS =
            new OutputTag<>("assessment-totals", TypeInformation.of(AssessmentTotal.class));
    public static final OutputTag<AnnualReviewRow> ANNUAL_REVIEWS =
            new OutputTag<>("annual-review", TypeInformation.of(AnnualReviewRow.class));

    private final DistrictProgress districts;
    private final ChainProgress chains;
    private final ParkProgress parks;
    private final QuarterlyAssessment assessment;
    private final AnnualReview review;
    private final long allowedLatenessMs;
    private final long updateIntervalMs;
    private final MonthCalendar calendar;
    private final int firstMonth;
    private transient MapState<MonthTotal.Key, MonthTotal> totals;
    private transient MapState<LeadingStatus.Key, LeadingStatus> leading;
    /** What each series remembers of the final months so far (alerts). */
    private transient MapState<ProgressAlerts.Series, ProgressAlerts.Memory> memory;
    private transient ValueState<Long> pendingFlush;
    /** The latest month closed for corrections: assessment rows of its quarter and earlier ones are final. */
    private transient ValueState<Integer> lastFinalMonth;
    /** When the next freshness tick is due (processing time). */
    private transient ValueState<Long> nextTick;
    /** Not checkpointed: after a restore everything is written again once, and all months recomputed. */
    private transient WrittenRows written;
    private transient Map<Object, MonthsToRecompute> toRecompute;
    private transient RegionFreshness freshness;

    /**
     * How often the plan's timers fire at least, in processing time, even when no event arrives: so that after a
     * restore the freshness gauges come back from the restored totals within a minute, and a stale region stays
     * stale.
     */
    static final long TICK_MS = 60_000;

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
        this.assessment = new QuarterlyAssessment(plan);
        this.review = new AnnualReview(plan);
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
        lastFinalMonth = getRuntimeContext().getState(new ValueStateDescriptor<>("last-final-month", Types.INT));
        nextTick = getRuntimeContext().getState(new ValueStateDescriptor<>("next-tick", Types.LONG));
        written = new WrittenRows();
        toRecompute = new HashMap<>();
        freshness = new RegionFreshness(getRuntimeContext().getMetricGroup().addGroup("beizeng"));
    }

    /** Keeps one tick armed: the next processing-time timer at most {@link #TICK_MS} away. */
    private void tick(org.apache.flink.streaming.api.TimerService timers) throws Exception {
        Long due = nextTick.value();
        long now = timers.currentProcessingTime();
        if (due == null || due <= now) {
            nextTick.update(now + TICK_MS);
            timers.registerProcessingTimeTimer(now + TICK_MS);
        }
    }

    @Override
    public void processElement1(MonthTotal total, Context ctx, Collector<DistrictProgressRow> out) throws Exception {
        totals.put(total.key(), total);
        freshness.seen(total);
        tick(ctx.timerService());
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
        if (ctx.timeDomain() == TimeDomain.PROCESSING_TIME) {
            freshness.seenAll(totals.values());
            tick(ctx.timerService());
        }
        PlanTotals all = PlanTotals.of(list(totals.values()));
        List<LeadingStatus> standings = list(leading.values());
        MonthsToRecompute months = monthsToRecompute(ctx.getCurrentKey());
        int from = months.from();
        int latest = Integer.MIN_VALUE;
        TreeMap<Integer, List<DistrictProgressRow>> byMonth = new TreeMap<>();
        for (DistrictProgressRow row : districts.rows(all, standings, from, Integer.MAX_VALUE)) {
            int month = MonthCalendar.index(row.year(), row.month());
            latest = Math.max(latest, month);
            byMonth.computeIfAbsent(month, m -> new ArrayList<>()).add(row);
            if (written.changed(row.key(), row)) {
                out.collect(row);
            }
        }
        Integer finalUpTo = lastFinalMonth.value();
        for (Map.Entry<Integer, List<DistrictProgressRow>> m : byMonth.entrySet()) {
            assess(m.getKey(), m.getValue(), all, standings, finalUpTo != null && m.getKey() <= finalUpTo, ctx);
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

    /**
     * A month has become final: its alerts, from its rows and what each series remembers; the assessment of the
     * quarters it closes.
     */
    private void raiseAlerts(int month, Context ctx) throws Exception {
        PlanTotals all = PlanTotals.of(list(totals.values()));
        List<LeadingStatus> standings = list(leading.values());
        List<DistrictProgressRow> rows = districts.rows(all, standings, month, month);
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
        // the quarters this month closes, its own and any whose last month had no totals
        Integer wasFinal = lastFinalMonth.value();
        lastFinalMonth.update(wasFinal == null ? month : Math.max(wasFinal, month));
        if (assessment.applies()) {
            for (int m = wasFinal == null ? month : wasFinal + 1; m <= month; m++) {
                if (MonthCalendar.month(m) % 3 == 0) {
                    assess(m, m == month ? rows : districts.rows(all, standings, m, m), all, standings, true, ctx);
                }
            }
        }
    }

    /**
     * The quarterly assessment of a quarter's last month, and in December the annual review, from the month's rows;
     * written where they changed.
     */
    private void assess(int month, List<DistrictProgressRow> rows, PlanTotals all, List<LeadingStatus> standings,
            boolean isFinal, Context ctx) {
        int monthOfYear = MonthCalendar.month(month);
        if (!assessment.applies() || monthOfYear % 3 != 0 || rows.isEmpty()) {
            return;
        }
        int year = MonthCalendar.year(month);
        QuarterlyAssessment.Quarter quarter = assessment.of(year, monthOfYear / 3, rows, isFinal);
        for (AssessmentScore s : quarter.scores()) {
            if (written.changed(s.key(), s)) {
                ctx.output(ASSESSMENT_SCORES, s);
            }
        }
        for (AssessmentTotal t : quarter.totals()) {
            if (written.changed(t.key(), t)) {
                ctx.output(ASSESSMENT_TOTALS, t);
            }
        }
        if (monthOfYear == 12) {
            List<DistrictProgressRow> previous = districts.rows(all, standings, month - 12, month - 12);
            List<AssessmentTotal> previousQ4 = previous.isEmpty() ? List.of()
                    : assessment.of(year - 1, 4, previous, isFinal).totals();
            for (AnnualReviewRow r : review.of(year, rows, quarter.totals(), previousQ4, isFinal)) {
                if (written.changed(r.key(), r)) {
                    ctx.output(ANNUAL_REVIEWS, r);
                }
            }
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
