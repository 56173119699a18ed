package io.beizeng.attribution;

import io.beizeng.config.Indicator;
import io.beizeng.ingest.IngestOutputs;
import io.beizeng.model.DistrictMonthTotal;
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
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;

/**
 * The event-time temporal join of production events with the enterprise registry, keyed by enterpriseId.
 *
 * <p>A production event waits until the watermark (the lesser of both streams') passes its event time: by then every
 * registry change effective at or before it has arrived, whatever the interleaving of the two streams. It is then
 * attributed to the profile valid at its event time, or rejected as UNKNOWN_ENTERPRISE. A production event that
 * arrives behind the watermark is attributed at once. A registry change behind the watermark is still applied (an
 * initial registry load with old effective dates must not be lost), but production events already attributed
 * keep their attribution; such changes are counted in the metric {@code registryChangesBehindWatermark}.
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
    public static final OutputTag<DistrictMonthTotal> STOCK_CHANGES =
            new OutputTag<>("stock-changes", TypeInformation.of(DistrictMonthTotal.class));
    /** Stock indicators in the order of the bits of {@link EnterpriseProfile#stocks()}. */
    private static final Indicator[] STOCK_INDICATORS = {Indicator.ABOVE_SCALE_ENTERPRISES,
        Indicator.SPECIALIZED_SMES, Indicator.HIGH_TECH_ENTERPRISES, Indicator.LISTED_ENTERPRISES};
    private static final BigDecimal PLUS_ONE = BigDecimal.ONE.setScale(2);
    private static final BigDecimal MINUS_ONE = PLUS_ONE.negate();

    /** Leading-enterprise standings as of month ends. */
    public static final OutputTag<LeadingStatus> LEADING =
            new OutputTag<>("leading", TypeInformation.of(LeadingStatus.class));

    private final MonthCalendar calendar;
    private final String planId;
    private final long tierLowCents;
    private final long tierHighCents;
    private transient MapState<Integer, Long> monthlyRevenue;
    /** The last month whose end was counted: month ends are counted once each, in order (stocks are deltas). */
    private transient ValueState<Integer> lastMonthEnd;
    private transient MapState<Integer, String> leadingTier;
    private transient ValueState<EnterpriseHistory> history;
    private transient ValueState<StockMembership> counted;
    /** Days this enterprise has reported on recently, to count each reporting enterprise once per town and day. */
    private transient ValueState<long[]> reportedDays;
    /**
     * Production events ahead of the watermark, in event-time order. One timer, at the earliest of them, stands for
     * all: when it fires every event the watermark has passed is attributed (a timer per event made the timer queue
     * as long as the events in flight).
     */
    private transient ValueState<List<ProductionEvent>> waiting;
    private transient Counter changesBehindWatermark;

    public Attribution(io.beizeng.config.Plan plan) {
        this.calendar = new MonthCalendar(plan.timezone());
        this.planId = plan.planId();
        this.tierLowCents = plan.leadingTierLow().movePointRight(2).longValueExact();
        this.tierHighCents = plan.leadingTierHigh().movePointRight(2).longValueExact();
    }

    @Override
    public void open(OpenContext openContext) {
        monthlyRevenue = getRuntimeContext().getMapState(
                new MapStateDescriptor<>("monthly-revenue", Types.INT, Types.LONG));
        lastMonthEnd = getRuntimeContext().getState(new ValueStateDescriptor<>("last-month-end", Types.INT));
        leadingTier = getRuntimeContext().getMapState(new MapStateDescriptor<>("leading-tier", Types.INT, Types.STRING));
        reportedDays = getRuntimeContext().getState(new ValueStateDescriptor<>("reported-days",
                org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo.LONG_PRIMITIVE_ARRAY_TYPE_INFO));
        counted = getRuntimeContext().getState(
                new ValueStateDescriptor<>("stock-membership", TypeInformation.of(StockMembership.class)));
        history = getRuntimeContext().getState(
                new ValueStateDescriptor<>("registry-history", TypeInformation.of(EnterpriseHistory.class)));
        waiting = getRuntimeContext().getState(new ValueStateDescriptor<>(
                "production-ahead-of-watermark", Types.LIST(TypeInformation.of(ProductionEvent.class))));
        changesBehindWatermark = getRuntimeContext().getMetricGroup().counter("registryChangesBehindWatermark");
    }

    @Override
    public void processElement1(ProductionEvent event, Context ctx, Collector<AttributedOutput> out)
            throws Exception {
        if (event.ts() <= ctx.timerService().currentWatermark()) {
            attribute(event, ctx, out);
            return;
        }
        List<ProductionEvent> list = waiting.value();
        if (list == null) {
            list = new ArrayList<>(4);
        }
        int at = list.size();
        while (at > 0 && list.get(at - 1).ts() > event.ts()) {
            at--;
        }
        list.add(at, event);
        if (at == 0) {
            ctx.timerService().registerEventTimeTimer(event.ts());
        }
        waiting.update(list);
    }

    @Override
    public void processElement2(EnterpriseEvent event, Context ctx, Collector<AttributedOutput> out)
            throws Exception {
        EnterpriseHistory h = history.value();
        history.update((h == null ? EnterpriseHistory.EMPTY : h).with(RegistryChange.of(event)));
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
        attributeDue(ctx, out);
        int month = calendar.indexOf(timestamp);
        Integer last = lastMonthEnd.value();
        if (timestamp == calendar.end(month) - 1 && (last == null || month > last)) {
            countStocks(month, ctx);
            leadingMonthEnd(month, ctx);
            lastMonthEnd.update(month);
        }
    }

    /**
     * Attributes, in event-time order, the waiting events the watermark has passed, and sets the timer for the
     * earliest one left. Events of a later month may go before this month's end is counted: neither depends on the
     * other.
     */
    private void attributeDue(OnTimerContext ctx, Collector<AttributedOutput> out) throws Exception {
        List<ProductionEvent> list = waiting.value();
        long watermark = ctx.timerService().currentWatermark();
        if (list == null || list.isEmpty() || list.get(0).ts() > watermark) {
            return;
        }
        int due = 0;
        while (due < list.size() && list.get(due).ts() <= watermark) {
            attribute(list.get(due), ctx, out);
            due++;
        }
        if (due == list.size()) {
            waiting.clear();
        } else {
            list.subList(0, due).clear();
            ctx.timerService().registerEventTimeTimer(list.get(0).ts());
            waiting.update(list);
        }
    }

    /**
     * At a month end: the stocks (above-scale, certified, listed) this enterprise counts in, and in which district.
     * Emits -1/+1 per district and stock where that changed since the last month end looked at, so that a
     * district's stock at a month end is the sum of its changes up to that month. Hence each month end is counted
     * once, in order: a second look at an old one would add its changes again.
     */
    private void countStocks(int month, Context ctx) throws Exception {
        EnterpriseHistory h = history.value();
        EnterpriseProfile p = h == null ? null : h.at(calendar.end(month) - 1);
        String district = p == null ? null : p.districtCode();
        int stocks = p == null ? 0 : p.stocks();
        StockMembership before = counted.value();
        String beforeDistrict = before == null ? null : before.districtCode();
        int beforeStocks = before == null ? 0 : before.stocks();
        if (stocks == beforeStocks && java.util.Objects.equals(district, beforeDistrict)) {
            return;
        }
        int year = MonthCalendar.year(month);
        int m = MonthCalendar.month(month);
        for (int bit = 0; bit < STOCK_INDICATORS.length; bit++) {
            boolean was = (beforeStocks & (1 << bit)) != 0;
            boolean is = (stocks & (1 << bit)) != 0;
            if (was && (!is || !district.equals(beforeDistrict))) {
                ctx.output(STOCK_CHANGES, new DistrictMonthTotal(beforeDistrict, year, m, STOCK_INDICATORS[bit],
                        MINUS_ONE, 0));
            }
            if (is && (!was || !district.equals(beforeDistrict))) {
                ctx.output(STOCK_CHANGES, new DistrictMonthTotal(district, year, m, STOCK_INDICATORS[bit],
                        PLUS_ONE, 0));
            }
        }
        counted.update(new StockMembership(district, stocks));
    }

    /**
     * Leading enterprises: revenue per month, evaluated at each month end (and again for the months a late report
     * changes) as the sum of the 12 months ending there.
     */
    private void addRevenue(ProductionEvent e, Context ctx) throws Exception {
        int month = calendar.indexOf(e.ts());
        Long before = monthlyRevenue.get(month);
        monthlyRevenue.put(month, (before == null ? 0 : before) + e.revenueCents());
        Integer evaluated = lastMonthEnd.value();
        if (evaluated != null && month <= evaluated) {
            // a late report: its month end is past, so re-evaluate the 12 month ends whose window holds it now
            for (int m = month; m <= Math.min(evaluated, month + 11); m++) {
                evaluateLeading(m, ctx);
            }
        } else {
            ctx.timerService().registerEventTimeTimer(calendar.end(month) - 1);
        }
    }

    private void evaluateLeading(int month, Context ctx) throws Exception {
        long trailing = 0;
        for (int m = month - 11; m <= month; m++) {
            Long r = monthlyRevenue.get(m);
            trailing += r == null ? 0 : r;
        }
        EnterpriseHistory h = history.value();
        EnterpriseProfile p = h == null ? null : h.at(calendar.end(month) - 1);
        String tier = p == null || p.districtCode() == null ? LeadingStatus.NONE
                : trailing >= tierHighCents ? "REVENUE_OVER_10B"
                : trailing >= tierLowCents ? "REVENUE_OVER_5B" : LeadingStatus.NONE;
        String before = leadingTier.get(month);
        if (!tier.equals(before == null ? LeadingStatus.NONE : before)) {
            leadingTier.put(month, tier);
            ctx.output(LEADING, new LeadingStatus(planId, (String) ctx.getCurrentKey(),
                    p == null || p.districtCode() == null ? "" : p.districtCode(), MonthCalendar.year(month),
                    MonthCalendar.month(month), BigDecimal.valueOf(trailing, 2), tier));
        }
    }

    /** At a month end: evaluate it, look again at the next one while revenue is in the window, forget old months. */
    private void leadingMonthEnd(int month, Context ctx) throws Exception {
        evaluateLeading(month, ctx);
        boolean revenueAhead = false;
        List<Integer> old = new ArrayList<>();
        for (Integer m : monthlyRevenue.keys()) {
            if (m > month - 11) {
                revenueAhead = true;
            }
            if (m < month - 24) {
                old.add(m);
            }
        }
        for (Integer m : old) {
            monthlyRevenue.remove(m);
            leadingTier.remove(m);
        }
        if (revenueAhead) {
            ctx.timerService().registerEventTimeTimer(calendar.end(month + 1) - 1);
        }
    }

    /** The district and stocks an enterprise was last counted in. */
    public record StockMembership(String districtCode, int stocks) {}

    private void attribute(ProductionEvent e, Context ctx, Collector<AttributedOutput> out) throws Exception {
        EnterpriseHistory h = history.value();
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
        long[] days = reportedDays.value();
        if (days == null) {
            days = ReportedDays.empty();
        }
        boolean firstOfDay = ReportedDays.mark(days, calendar.dayOf(e.ts()));
        if (firstOfDay) {
            reportedDays.update(days);
        }
        long wh = e.electricityKwh() == null ? 0
                : e.electricityKwh().movePointRight(3).setScale(0, java.math.RoundingMode.HALF_UP).longValueExact();
        out.collect(new AttributedOutput(e.enterpriseId(), p.districtCode(), p.townCode(), p.chain(), p.parkId(),
                e.ts(), e.outputValueCents(), e.revenueCents(), wh, firstOfDay));
        addRevenue(e, ctx);
        ctx.output(IngestOutputs.AUDIT, AuditDelta.accepted(SourceTopic.PRODUCTION));
    }
}
