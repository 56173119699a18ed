package io.beizeng;

import io.beizeng.attribution.AttributionStage;
import io.beizeng.audit.AuditStage;
import io.beizeng.config.JobSettings;
import io.beizeng.config.Plan;
import io.beizeng.ingest.Ingest;
import io.beizeng.ingest.InputStreams;
import io.beizeng.model.EnterpriseEvent;
import io.beizeng.model.InvestmentEvent;
import io.beizeng.model.MonthCalendar;
import io.beizeng.model.MonthTotal;
import io.beizeng.model.ProductionEvent;
import io.beizeng.model.TownActivityRow;
import io.beizeng.progress.MonthlySums;
import io.beizeng.progress.ProgressStage;
import io.beizeng.projects.ProjectsStage;
import io.beizeng.sink.Outputs;
import io.beizeng.towns.TownsStage;
import java.util.List;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.streaming.api.datastream.DataStream;

/**
 * The job's dataflow, from parsed input streams to sinks, as the data's path: a function of its sources and
 * sinks, so that tests can plug in their own; the commands wire Kafka or files and JDBC.
 *
 * <pre>
 * production ─ ingest (admission, dedupe) ─┐
 * registry ─── ingest ─────────────────────┴ attribution by enterprise ─┬ monthly sums ─ progress ─ district, chain,
 * investment ─ ingest ─────────────────────────────────────────────────┘  (windows per      park rows, alerts
 *            │                              │  stock changes, leading ──┘   cell and month)
 *            │                              └ towns (daily windows) ─ town activity
 *            └ key projects (by plan) ─ project progress and months, lights
 * every rejection and outcome ─ audit ─ rejected_events, ingest_audit
 * </pre>
 */
public final class BeizengPipeline {
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

    public static void build(Plan plan, JobSettings settings, InputStreams in, Outputs out) {
        MonthCalendar calendar = new MonthCalendar(plan.timezone());
        Ingest<ProductionEvent> production = Ingest.production(calendar, settings, in.production());
        Ingest<EnterpriseEvent> registry = Ingest.registry(calendar, settings, in.enterprise());
        Ingest<InvestmentEvent> investment = Ingest.investment(calendar, settings, in.investment());
        AttributionStage attribution = AttributionStage.of(plan, settings, production.events(), registry.events());
        DataStream<MonthTotal> totals = MonthlySums.of(plan, calendar, settings, attribution.atEventTime(),
                investment.events(), attribution.stockChanges());
        ProgressStage progress = ProgressStage.of(plan, settings, totals, attribution.leading());
        DataStream<TownActivityRow> towns = TownsStage.of(plan, calendar, settings, attribution.atEventTime());
        ProjectsStage projects = ProjectsStage.of(plan, settings, investment.events());
        AuditStage audit = AuditStage.of(settings, List.of(production, registry, investment), investment, attribution);
        out.write(progress, towns, attribution.leading(), projects, audit);
    }
}
