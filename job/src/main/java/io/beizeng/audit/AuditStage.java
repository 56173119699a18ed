package io.beizeng.audit;

import io.beizeng.attribution.AttributionStage;
import io.beizeng.config.JobSettings;
import io.beizeng.ingest.Ingest;
import io.beizeng.model.AuditDelta;
import io.beizeng.model.IngestAuditRow;
import io.beizeng.model.InvestmentEvent;
import io.beizeng.model.RejectedRecord;
import io.beizeng.model.SourceTopic;
import java.util.List;
import org.apache.flink.streaming.api.datastream.DataStream;

/**
 * The audit stage: every rejected record, and every record's outcome counted per source ({@link AuditCounter}).
 * Production and registry events are accepted in attribution, investment events at their dedupe.
 *
 * @param rejected the rows of rejected_events
 * @param counts the rows of ingest_audit
 */
public record AuditStage(DataStream<RejectedRecord> rejected, DataStream<IngestAuditRow> counts) {

    public static AuditStage of(JobSettings settings, List<Ingest<?>> ingest, Ingest<InvestmentEvent> investment,
            AttributionStage attribution) {
        DataStream<RejectedRecord> rejected = attribution.rejected();
        DataStream<AuditDelta> outcomes = attribution.outcomes();
        for (Ingest<?> stream : ingest) {
            rejected = rejected.union(stream.rejected());
            outcomes = outcomes.union(stream.duplicates());
        }
        outcomes = outcomes.union(
                investment.events().map(e -> AuditDelta.accepted(SourceTopic.INVESTMENT))
                        .returns(AuditDelta.class).name("investment accepted").uid("investment-accepted"),
                rejected.map(r -> AuditDelta.rejected(r.source(), r.reason()))
                        .returns(AuditDelta.class).name("rejected outcome").uid("rejected-outcome"));
        DataStream<IngestAuditRow> counts = outcomes
                .keyBy(AuditDelta::source)
                .process(new AuditCounter(settings.updateInterval().toMillis()))
                .returns(IngestAuditRow.class)
                .name("ingest audit").uid("ingest-audit");
        return new AuditStage(rejected, counts);
    }
}
