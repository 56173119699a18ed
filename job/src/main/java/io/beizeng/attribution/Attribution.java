package io.beizeng.attribution;

import io.beizeng.config.Indicator;
import io.beizeng.ingest.IngestOutputs;
import io.beizeng.config.Feed;
import io.beizeng.model.Cell;
import io.beizeng.model.LeadingTier;
import io.beizeng.model.MonthTotal;
import io.beizeng.model.LeadingStatus;
import io.beizeng.model.MonthCalendar;
import java.math.BigDecimal;
import org.apache.flink.util.OutputTag;
import io.beizeng.model.AttributedOutput;
import io.beizeng.model.AuditDelta;
import io.beizeng.model.EnterpriseEvent;
import io.beizeng.model.ProductionEvent;
import io.beizeng.model.RejectReason;
import io.beizeng.model.RejectedRecord;
import io.beizeng.model.SourceTopic;
import java.time.Instant;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.streaming.api.operators.co.KeyedCoProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.util.Collector;

/**
 * The event-time temporal join of production events with the enterprise registry, keyed by enterpriseId.
 *
 * <p>A production event is attributed once the registry stream's watermark has passed its event time: by then every
 * registry change effective at or before it has arrived, whatever the interleaving of the two streams. It is then
 * attributed to the profile valid at its event time, or rejected as UNKNOWN_ENTERPRISE. When the registry is ahead
 * (a replay, whose registry is read long before the production), that is on arrival, without waiting state or
 * timers; otherwise (live, where the registry is mostly idle) the event waits until the operator's watermark, the
 * lesser of both streams', passes it. {@link Operator} tells the function the registry stream's own watermark. So
 * events of one enterprise may be attributed in any order; nothing here depends on it ({@link MonthlyReports}
 * counts reporting days in any order, month ends are counted in order by the timers).
 *
 * <p>A registry change behind the watermark is still applied (an initial registry load with old effective dates
 * must not be lost), but production events already attributed keep their attribution; such changes are counted in
 * the metric {@code registryChangesBehindWatermark}.
 *
 * <p>Waiting events leave from one timer per enterprise, so the main output's record timestamps are those of the
 * timer, not of each event: {@link EventTimeStamps} restores them before anything places an element by its timestamp.
 *
 * <p>Month-end stocks (above-scale, certified, listed enterprises) are counted here too, since this operator holds
 * the registry history: see {@link #countStocks}.
 */
public final class Attribution
        extends KeyedCoProcessFunction<String, ProductionEvent, EnterpriseEvent, AttributedOutput> {

    /** Changes of month-end stocks: value -1 or +1 for a district, stock indicator and month. */
    public static final OutputTag<MonthTotal> STOCK_CHANGES =
            new OutputTag<>("stock-changes", TypeInformation.of(MonthTotal.class));
    /** The registry's stock indicators, each counting the holders of its status. */
    private static final List<Indicator> STOCKS = Indicator.measuresOf(Indicator.Source.REGISTRY);
    private static final BigDecimal PLUS_ONE = BigDecimal.ONE.setScale(2);
    private static final BigDecimal MINUS_ONE = PLUS_ONE.negate();

    /** Leading-enterprise standings as of month ends. */
    public static final OutputTag<LeadingStatus> LEADING =
            new OutputTag<>("leading", TypeInformation.of(LeadingStatus.class));

    private final MonthCalendar calendar;
    private final String planId;
    /** The leading tiers from the highest down, with the trailing revenue (cents) each takes. */
    private final LeadingTier[] tiersDown;
    private final long[] tierCents;
    private transient ValueState<EnterpriseState> enterprise;
    private transient Counter changesBehindWatermark;
    /** The registry stream's own watermark, from {@link Operator}; not checkpointed (nor are watermarks). */
    private transient long registryWatermark;

    public Attribution(io.beizeng.config.Plan plan) {
        this.calendar = new MonthCalendar(plan.timezone());
        this.planId = plan.planId();
        List<LeadingTier> tiers = new java.util.ArrayList<>(plan.leadingTiers().keySet());
        java.util.Collections.reverse(tiers);
        this.tiersDown = tiers.toArray(LeadingTier[]::new);
        this.tierCents = new long[tiersDown.length];
        for (int i = 0; i < tiersDown.length; i++) {
            tierCents[i] = plan.leadingTiers().get(tiersDown[i]).movePointRight(2).longValueExact();
        }
    }

    @Override
    public void open(OpenContext openContext) {
        enterprise = getRuntimeContext().getState(
                new ValueStateDescriptor<>("enterprise", TypeInformation.of(EnterpriseState.class)));
        changesBehindWatermark = getRuntimeContext().getMetricGroup().counter("registryChangesBehindWatermark");
        registryWatermark = Long.MIN_VALUE;
    }

    /** Runs {@link Attribution} and tells it the watermark of the registry stream, its second input. */
    public static final class Operator
            extends KeyedCoProcessOperator<String, ProductionEvent, EnterpriseEvent, AttributedOutput> {
        public Operator(Attribution attribution) {
            super(attribution);
        }

        @Override
        public void processWatermark2(Watermark mark) throws Exception {
            Attribution attribution = (Attribution) getUserFunction();
            attribution.registryWatermark = Math.max(attribution.registryWatermark, mark.getTimestamp());
            super.processWatermark2(mark);
        }
    }

    @Override
    public void processElement1(ProductionEvent event, Context ctx, Collector<AttributedOutput> out)
            throws Exception {
        EnterpriseState state = state();
        if (event.ts() <= Math.max(registryWatermark, ctx.timerService().currentWatermark())) {
            attribute(state, event, ctx, out);
        } else {
            List<ProductionEvent> list = state.waiting;
            int at = list.size();
            while (at > 0 && list.get(at - 1).ts() > event.ts()) {
                at--;
            }
            list.add(at, event);
            if (at == 0) {
                ctx.timerService().registerEventTimeTimer(event.ts());
            }
        }
        save(state);
    }

    @Override
    public void processElement2(EnterpriseEvent event, Context ctx, Collector<AttributedOutput> out)
            throws Exception {
        EnterpriseState state = state();
        state.history = (state.history == null ? EnterpriseHistory.EMPTY : state.history).with(RegistryChange.of(event));
        enterprise.update(state);
        long watermark = ctx.timerService().currentWatermark();
        if (event.ts() <= watermark) {
            changesBehindWatermark.inc();
        }
        // stocks are counted as of month ends: look again at the end of the change's month, or of the first month
        // end still ahead of the watermark
        long at = Math.max(event.ts(), watermark + 1);
        ctx.timerService().registerEventTimeTimer(calendar.end(calendar.indexOf(at)) - 1);
        ctx.output(IngestOutputs.AUDIT, AuditDelta.accepted(SourceTopic.ENTERPRISE));
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<AttributedOutput> out) throws Exception {
        EnterpriseState state = enterprise.value();
        if (state == null) {
            return;
        }
        attributeDue(state, ctx, out);
        int month = calendar.indexOf(timestamp);
        if (timestamp == calendar.end(month) - 1 && (state.lastMonthEnd == null || month > state.lastMonthEnd)) {
            countStocks(state, month, ctx);
            leadingMonthEnd(state, month, ctx);
            state.lastMonthEnd = month;
        }
        save(state);
    }

    private EnterpriseState state() throws Exception {
        EnterpriseState state = enterprise.value();
        return state == null ? new EnterpriseState() : state;
    }

    private void save(EnterpriseState state) throws Exception {
        if (state.holdsNothing()) {
            enterprise.clear();
        } else {
            enterprise.update(state);
        }
    }

    /**
     * Attributes, in event-time order, the waiting events the watermark has passed, and sets the timer for the
     * earliest one left. Events of a later month may go before this month's end is counted: neither depends on the
     * other.
     */
    private void attributeDue(EnterpriseState state, OnTimerContext ctx, Collector<AttributedOutput> out)
            throws Exception {
        List<ProductionEvent> list = state.waiting;
        long watermark = ctx.timerService().currentWatermark();
        if (list.isEmpty() || list.get(0).ts() > watermark) {
            return;
        }
        int due = 0;
        while (due < list.size() && list.get(due).ts() <= watermark) {
            attribute(state, list.get(due), ctx, out);
            due++;
        }
        list.subList(0, due).clear();
        if (!list.isEmpty()) {
            ctx.timerService().registerEventTimeTimer(list.get(0).ts());
        }
    }

    /**
     * At a month end: the stocks (above-scale, certified, listed) this enterprise counts in, and in which district.
     * Emits -1/+1 per district and stock where that changed since the last month end looked at, so that a
     * district's stock at a month end is the sum of its changes up to that month. Hence each month end is counted
     * once, in order: a second look at an old one would add its changes again.
     */
    private void countStocks(EnterpriseState state, int month, Context ctx) {
        EnterpriseProfile p = state.history == null ? null : state.history.at(calendar.end(month) - 1);
        String district = p == null ? null : p.districtCode();
        int stocks = p == null ? 0 : p.stocks();
        String beforeDistrict = state.countedDistrict;
        int beforeStocks = state.countedStocks;
        if (stocks == beforeStocks && java.util.Objects.equals(district, beforeDistrict)) {
            return;
        }
        for (Indicator stock : STOCKS) {
            int bit = ((Feed.Status) stock.feed()).status().bit();
            boolean was = (beforeStocks & bit) != 0;
            boolean is = (stocks & bit) != 0;
            if (was && (!is || !district.equals(beforeDistrict))) {
                ctx.output(STOCK_CHANGES, MonthTotal.stockChange(stock, beforeDistrict, month, MINUS_ONE));
            }
            if (is && (!was || !district.equals(beforeDistrict))) {
                ctx.output(STOCK_CHANGES, MonthTotal.stockChange(stock, district, month, PLUS_ONE));
            }
        }
        state.countedDistrict = district;
        state.countedStocks = stocks;
    }

    /**
     * Leading enterprises: revenue per month, evaluated at each month end (and again for the months a late report
     * changes) as the sum of the 12 months ending there. Called once a report of {@code month} is recorded; the
     * first report of a month sets the timer at its end (one per enterprise and month, not one per report: each
     * registration is a lookup in the timer queue).
     */
    private void leadingAfterReport(EnterpriseState state, int month, boolean firstOfMonth, Context ctx) {
        Integer evaluated = state.lastMonthEnd;
        if (evaluated != null && month <= evaluated) {
            // a late report: its month end is past, so re-evaluate the 12 month ends whose window holds it now
            for (int m = month; m <= Math.min(evaluated, month + 11); m++) {
                evaluateLeading(state, m, ctx);
            }
        } else if (firstOfMonth) {
            ctx.timerService().registerEventTimeTimer(calendar.end(month) - 1);
        }
    }

    private void evaluateLeading(EnterpriseState state, int month, Context ctx) {
        long trailing = state.monthlyReports.sum(month - 11, month);
        EnterpriseProfile p = state.history == null ? null : state.history.at(calendar.end(month) - 1);
        LeadingTier tier = p == null || p.districtCode() == null ? LeadingTier.NONE : tierOf(trailing);
        LeadingTier before = state.leadingTier.getOrDefault(month, LeadingTier.NONE);
        if (tier != before) {
            state.leadingTier.put(month, tier);
            ctx.output(LEADING, new LeadingStatus(planId, (String) ctx.getCurrentKey(),
                    p == null || p.districtCode() == null ? "" : p.districtCode(), MonthCalendar.year(month),
                    MonthCalendar.month(month), BigDecimal.valueOf(trailing, 2), tier));
        }
    }

    /** The highest tier a trailing revenue reaches. */
    private LeadingTier tierOf(long trailingCents) {
        for (int i = 0; i < tiersDown.length; i++) {
            if (trailingCents >= tierCents[i]) {
                return tiersDown[i];
            }
        }
        return LeadingTier.NONE;
    }

    /** At a month end: evaluate it, look again at the next one while revenue is in the window, forget old months. */
    private void leadingMonthEnd(EnterpriseState state, int month, Context ctx) {
        evaluateLeading(state, month, ctx);
        boolean revenueAhead = state.monthlyReports.anyAfter(month - 11);
        state.monthlyReports.dropBefore(month - 24);
        state.forgetMovingDaysBefore(calendar.dayOf(calendar.start(month - 24)));
        state.leadingTier.keySet().removeIf(m -> m < month - 24);
        if (revenueAhead) {
            ctx.timerService().registerEventTimeTimer(calendar.end(month + 1) - 1);
        }
    }

    private void attribute(EnterpriseState state, ProductionEvent e, Context ctx, Collector<AttributedOutput> out) {
        EnterpriseHistory h = state.history;
        EnterpriseProfile p = h == null ? null : h.at(e.ts());
        if (p == null || !p.isAttributable()) {
            String detail = h == null
                    ? "enterprise '" + e.enterpriseId() + "' has no registry entry (no REGISTERED event)"
                    : p == null
                            ? "enterprise '" + e.enterpriseId() + "' is registered only from "
                                    + Instant.ofEpochMilli(h.firstChange()) + ", after the event time "
                                    + Instant.ofEpochMilli(e.ts())
                            : "enterprise '" + e.enterpriseId() + "' has no district and chain at "
                                    + Instant.ofEpochMilli(e.ts()) + " (UPDATED without REGISTERED)";
            ctx.output(IngestOutputs.REJECTED,
                    RejectedRecord.of(e.origin(), RejectReason.UNKNOWN_ENTERPRISE, detail, e.eventId()));
            return;
        }
        int month = calendar.indexOf(e.ts());
        boolean firstOfMonth = !state.monthlyReports.holds(month);
        boolean firstOfDay = state.monthlyReports.report(month, calendar.dayOfMonth(e.ts()), e.amount(Indicator.REVENUE));
        long day = calendar.dayOf(e.ts());
        long dayStart = calendar.dayStart(day);
        boolean firstFromTown = h.changesTownWithin(dayStart, calendar.dayStart(day + 1))
                ? state.firstFromTownOnMovingDay(day, p.townCode(), firstOfDay, h.townAt(dayStart))
                : firstOfDay;
        long wh = e.electricityKwh() == null ? 0
                : e.electricityKwh().movePointRight(3).setScale(0, java.math.RoundingMode.HALF_UP).longValueExact();
        out.collect(new AttributedOutput(e.enterpriseId(), p.districtCode(), p.townCode(), p.chain(), p.parkId(),
                e.ts(), e.amounts(), wh, firstFromTown));
        leadingAfterReport(state, month, firstOfMonth, ctx);
        ctx.output(IngestOutputs.AUDIT, AuditDelta.accepted(SourceTopic.PRODUCTION));
    }
}
