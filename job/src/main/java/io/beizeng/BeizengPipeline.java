package io.beizeng;

import io.beizeng.attribution.Attribution;
import io.beizeng.attribution.EventTimeStamps;
import io.beizeng.config.JobSettings;
import io.beizeng.config.Plan;
import io.beizeng.ingest.Admission;
import io.beizeng.ingest.Deduplicator;
import io.beizeng.ingest.IngestOutputs;
import io.beizeng.ingest.InputStreams;
import io.beizeng.ingest.StreamTypes;
import io.beizeng.model.Admitted;
import io.beizeng.model.AttributedOutput;
import io.beizeng.model.AuditDelta;
import io.beizeng.model.DistrictMonthTotal;
import io.beizeng.model.ChainProgressRow;
import io.beizeng.model.DistrictProgressRow;
import io.beizeng.model.ParkProgressRow;
import io.beizeng.model.ProgressAlert;
import io.beizeng.model.EnterpriseEvent;
import io.beizeng.model.IngestAuditRow;
import io.beizeng.model.LeadingStatus;
import io.beizeng.model.InvestmentEvent;
import io.beizeng.model.MonthCalendar;
import io.beizeng.model.ProductionEvent;
import io.beizeng.model.RejectedRecord;
import io.beizeng.model.TownActivityRow;
import io.beizeng.model.TownDayTotal;
import io.beizeng.progress.CalendarWindows;
import io.beizeng.progress.TownActivity;
import io.beizeng.model.SourceTopic;
import io.beizeng.runtime.LocalCombiner;
import io.beizeng.progress.MonthAccumulator;
import io.beizeng.progress.PartialSums;
import io.beizeng.progress.MonthTotals;
import io.beizeng.progress.ProgressUpdater;
import io.beizeng.sink.AuditCounter;
import io.beizeng.sink.JdbcSinks;
import io.beizeng.sink.JdbcTarget;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;

/**
 * The job's dataflow, from parsed input streams to sinks. Sources and sinks are arguments, so that tests can plug
 * in their own; the commands wire Kafka or files and JDBC.
 *
 * <pre>
 * source ─ admission (parse rejects, LATE) ─ dedupe by eventId ─┐
 *                                                               ├ attribution by enterpriseId (temporal join)
 * registry source ─ admission ─ dedupe by eventId ─────────────┘        │
 *                                   monthly windows per district ───────┘
 *                                   └ progress per plan ─ district_progress
 * every rejection ─ rejected_events;  every outcome ─ audit counter per source ─ ingest_audit
 * </pre>
 */
public final class BeizengPipeline {

    /** Where results go. */
    public record Outputs(
            Sink<DistrictProgressRow> districtProgress, Sink<ChainProgressRow> chainProgress,
            Sink<ParkProgressRow> parkProgress, Sink<TownActivityRow> townActivity,
            Sink<LeadingStatus> leadingEnterprises, Sink<ProgressAlert> alerts, Sink<ProgressAlert> alertTopic,
            Sink<RejectedRecord> rejected, Sink<IngestAuditRow> audit) {

        /** Upserts into the PostgreSQL tables of {@code target}, flushing batches at least every interval. */
        public static Outputs jdbc(JdbcTarget target, long flushIntervalMs) {
            JdbcSinks sinks = new JdbcSinks(target, flushIntervalMs);
            return new Outputs(sinks.districtProgress(), sinks.chainProgress(), sinks.parkProgress(),
                    sinks.townActivity(), sinks.leadingEnterprises(), sinks.progressAlerts(), null,
                    sinks.rejectedEvents(), sinks.ingestAudit());
        }

        /** The same, also publishing alerts to a Kafka topic. */
        public Outputs withAlertTopic(Sink<ProgressAlert> topic) {
            return new Outputs(districtProgress, chainProgress, parkProgress, townActivity, leadingEnterprises, alerts,
                    topic, rejected, audit);
        }
    }

    private BeizengPipeline() {}

    /**
     * The configuration every run of the pipeline starts from: state and stream types must have Flink's own
     * serializers, so a silent Kryo fallback is an error.
     */
    public static Configuration jobConfiguration() {
        Configuration conf = new Configuration();
        conf.set(PipelineOptions.GENERIC_TYPES, false);
        // no defensive copy between chained operators: every function emits new, immutable records, and the one
        // operator that holds elements (LocalCombiner) holds objects its chained map has just created
        conf.set(PipelineOptions.OBJECT_REUSE, true);
        return conf;
    }

    private static LocalCombiner<PartialSums> partialsCombiner(JobSettings settings) {
        return new LocalCombiner<>(PartialSums::slot, PartialSums::plus, PartialSums::lastInstant,
                settings.combineIntervalMs(), 100_000);
    }

    public static void build(Plan plan, JobSettings settings, InputStreams in, Outputs out) {
        MonthCalendar calendar = new MonthCalendar(plan.timezone());
        long lateness = settings.allowedLateness().toMillis();
        long horizon = settings.dedupeHorizon().toMillis();
        long interval = settings.updateInterval().toMillis();

        SingleOutputStreamOperator<Admitted<ProductionEvent>> productionAdmitted = in.production()
                .process(Admission.<ProductionEvent>withMonthLateness(SourceTopic.PRODUCTION, calendar, lateness))
                .returns(StreamTypes.ADMITTED_PRODUCTION)
                .name("production admission").uid("production-admission");
        SingleOutputStreamOperator<Admitted<EnterpriseEvent>> registryAdmitted = in.enterprise()
                .process(Admission.<EnterpriseEvent>withoutLateness(SourceTopic.ENTERPRISE, calendar))
                .returns(StreamTypes.ADMITTED_ENTERPRISE)
                .name("enterprise admission").uid("enterprise-admission");
        SingleOutputStreamOperator<Admitted<InvestmentEvent>> investmentAdmitted = in.investment()
                .process(Admission.<InvestmentEvent>withMonthLateness(SourceTopic.INVESTMENT, calendar, lateness))
                .returns(StreamTypes.ADMITTED_INVESTMENT)
                .name("investment admission").uid("investment-admission");

        SingleOutputStreamOperator<ProductionEvent> production = productionAdmitted
                .keyBy(Deduplicator.<ProductionEvent>byEventIdBucket(), Types.INT)
                .process(new Deduplicator<ProductionEvent>(SourceTopic.PRODUCTION, horizon, calendar, lateness))
                .returns(StreamTypes.PRODUCTION)
                .name("production dedupe").uid("production-dedupe-buckets");
        SingleOutputStreamOperator<EnterpriseEvent> registry = registryAdmitted
                .keyBy(Deduplicator.<EnterpriseEvent>byEventIdBucket(), Types.INT)
                .process(new Deduplicator<EnterpriseEvent>(SourceTopic.ENTERPRISE, horizon))
                .returns(EnterpriseEvent.class)
                .name("enterprise dedupe").uid("enterprise-dedupe-buckets");
        SingleOutputStreamOperator<InvestmentEvent> investment = investmentAdmitted
                .keyBy(Deduplicator.<InvestmentEvent>byEventIdBucket(), Types.INT)
                .process(new Deduplicator<InvestmentEvent>(SourceTopic.INVESTMENT, horizon, calendar, lateness))
                .returns(InvestmentEvent.class)
                .name("investment dedupe").uid("investment-dedupe-buckets");

        SingleOutputStreamOperator<AttributedOutput> attributed = production
                .keyBy(ProductionEvent::enterpriseId)
                .connect(registry.keyBy(EnterpriseEvent::enterpriseId))
                .transform("attribution (temporal join)", TypeInformation.of(AttributedOutput.class),
                        new Attribution.Operator(new Attribution(plan)))
                .uid("attribution");
        DataStream<AttributedOutput> attributedAtEventTime = attributed
                .transform("attributed at event time", TypeInformation.of(AttributedOutput.class),
                        new EventTimeStamps<AttributedOutput>((a, recordTimestamp) -> a.ts()))
                .uid("attributed-at-event-time");

        // per-event sums are combined inside the attribution task before they cross the shuffle to the windows
        CalendarWindows months = CalendarWindows.months(calendar, settings.earlyFiringMs());
        CalendarWindows days = CalendarWindows.days(calendar, settings.earlyFiringMs());
        SingleOutputStreamOperator<DistrictMonthTotal> monthTotals = attributedAtEventTime
                .map(new MonthTotals.Production(months)).returns(PartialSums.class)
                .name("district month sums").uid("district-month-sums")
                .transform("district month combiner", TypeInformation.of(PartialSums.class), partialsCombiner(settings))
                .uid("district-month-combiner")
                .keyBy(PartialSums::key)
                .window(months)
                .allowedLateness(settings.allowedLateness())
                .aggregate(new MonthTotals.Partials(), MonthTotals.Label.production(calendar),
                        TypeInformation.of(MonthAccumulator.class),
                        TypeInformation.of(MonthAccumulator.class),
                        TypeInformation.of(DistrictMonthTotal.class))
                .name("district month totals").uid("district-month-windows");
        SingleOutputStreamOperator<DistrictMonthTotal> investmentTotals = investment
                .keyBy(InvestmentEvent::districtCode)
                .window(months)
                .allowedLateness(settings.allowedLateness())
                .aggregate(new MonthTotals.Investment(plan.majorProjectThreshold()),
                        MonthTotals.Label.investment(calendar),
                        TypeInformation.of(MonthAccumulator.class),
                        TypeInformation.of(MonthAccumulator.class),
                        TypeInformation.of(DistrictMonthTotal.class))
                .name("district month investment").uid("district-month-investment-windows");

        String planId = plan.planId();
        // month-end stock changes (±1) summed per indicator, district and month
        SingleOutputStreamOperator<DistrictMonthTotal> stockChanges = attributed
                .getSideOutput(Attribution.STOCK_CHANGES)
                .keyBy(DistrictMonthTotal::key)
                .reduce((a, b) -> new DistrictMonthTotal(a.districtCode(), a.year(), a.month(), a.indicator(),
                        a.value().add(b.value()), 0))
                .returns(DistrictMonthTotal.class)
                .name("district month stock changes").uid("district-month-stock-changes");
        SingleOutputStreamOperator<DistrictProgressRow> progress = monthTotals.union(investmentTotals, stockChanges)
                .keyBy(t -> planId)
                .connect(attributed.getSideOutput(Attribution.LEADING).keyBy(l -> planId))
                .process(new ProgressUpdater(plan, interval, lateness))
                .returns(DistrictProgressRow.class)
                .name("plan progress").uid("district-progress");
        progress.sinkTo(out.districtProgress()).name("district_progress upsert").uid("district-progress-sink");
        DataStream<ProgressAlert> alerts = progress.getSideOutput(ProgressUpdater.ALERTS);
        alerts.sinkTo(out.alerts()).name("progress_alerts insert").uid("progress-alerts-sink");
        if (out.alertTopic() != null) {
            alerts.sinkTo(out.alertTopic()).name("progress-alerts topic").uid("progress-alerts-topic");
        }
        progress.getSideOutput(ProgressUpdater.LEADING_ROWS).sinkTo(out.leadingEnterprises())
                .name("leading_enterprises upsert").uid("leading-enterprises-sink");
        progress.getSideOutput(ProgressUpdater.CHAIN_ROWS).sinkTo(out.chainProgress())
                .name("chain_progress upsert").uid("chain-progress-sink");
        progress.getSideOutput(ProgressUpdater.PARK_ROWS).sinkTo(out.parkProgress())
                .name("park_progress upsert").uid("park-progress-sink");

        // towns: daily windows; a day takes corrections as long as its month does
        attributedAtEventTime
                .filter(a -> a.townCode() != null).name("with town").uid("with-town")
                .map(new MonthTotals.TownDay(days)).returns(PartialSums.class)
                .name("town day sums").uid("town-day-sums")
                .transform("town day combiner", TypeInformation.of(PartialSums.class), partialsCombiner(settings))
                .uid("town-day-combiner")
                .keyBy(PartialSums::key)
                .window(days)
                .allowedLateness(settings.allowedLateness().plusDays(31))
                .aggregate(new MonthTotals.Partials(), new MonthTotals.TownDayLabel(calendar),
                        TypeInformation.of(MonthAccumulator.class),
                        TypeInformation.of(MonthAccumulator.class),
                        TypeInformation.of(TownDayTotal.class))
                .name("town day totals").uid("town-day-windows")
                .keyBy(t -> planId)
                .process(new TownActivity(planId, calendar, settings.allowedLateness().plusDays(31).toMillis(),
                        interval))
                .returns(TownActivityRow.class)
                .name("town activity").uid("town-activity")
                .sinkTo(out.townActivity())
                .name("town_activity upsert").uid("town-activity-sink");

        DataStream<RejectedRecord> rejected = productionAdmitted.getSideOutput(IngestOutputs.REJECTED)
                .union(registryAdmitted.getSideOutput(IngestOutputs.REJECTED),
                        investmentAdmitted.getSideOutput(IngestOutputs.REJECTED),
                        production.getSideOutput(IngestOutputs.REJECTED),
                        registry.getSideOutput(IngestOutputs.REJECTED),
                        investment.getSideOutput(IngestOutputs.REJECTED),
                        attributed.getSideOutput(IngestOutputs.REJECTED));
        rejected.sinkTo(out.rejected()).name("rejected_events upsert").uid("rejected-events-sink");

        DataStream<AuditDelta> outcomes = production.getSideOutput(IngestOutputs.AUDIT)
                .union(registry.getSideOutput(IngestOutputs.AUDIT),
                        investment.getSideOutput(IngestOutputs.AUDIT),
                        attributed.getSideOutput(IngestOutputs.AUDIT)
                                .transform("audit combiner", TypeInformation.of(AuditDelta.class),
                                        new LocalCombiner<>(AuditDelta::outcomeKey, AuditDelta::plus,
                                                LocalCombiner.Deadline.none(), settings.combineIntervalMs(), 64))
                                .uid("attribution-audit-combiner"),
                        investment.map(e -> AuditDelta.accepted(SourceTopic.INVESTMENT))
                                .returns(AuditDelta.class).name("investment accepted").uid("investment-accepted"),
                        rejected.map(r -> AuditDelta.rejected(r.source(), r.reason()))
                                .returns(AuditDelta.class).name("rejected outcome").uid("rejected-outcome"));
        outcomes.keyBy(AuditDelta::source)
                .process(new AuditCounter(interval))
                .returns(IngestAuditRow.class)
                .name("ingest audit").uid("ingest-audit")
                .sinkTo(out.audit())
                .name("ingest_audit upsert").uid("ingest-audit-sink");
    }
}
