package io.beizeng.attribution;

import io.beizeng.config.JobSettings;
import io.beizeng.config.Plan;
import io.beizeng.ingest.IngestOutputs;
import io.beizeng.model.AttributedOutput;
import io.beizeng.model.AuditDelta;
import io.beizeng.model.EnterpriseEvent;
import io.beizeng.model.LeadingStatus;
import io.beizeng.model.MonthTotal;
import io.beizeng.model.ProductionEvent;
import io.beizeng.model.RejectedRecord;
import io.beizeng.runtime.LocalCombiner;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;

/**
 * The attribution stage: production events joined, by enterprise, with the registry version valid at their event
 * time ({@link Attribution}); besides, the month-end stock changes and leading standings the registry history makes.
 *
 * @param attributed the attributed outputs, in the order attribution emits them
 * @param atEventTime the same, each with its own event time as record timestamp again (what windows place by)
 * @param outcomes acceptances and rejections of production and registry events, combined before the audit
 */
public record AttributionStage(
        SingleOutputStreamOperator<AttributedOutput> attributed,
        DataStream<AttributedOutput> atEventTime,
        DataStream<AuditDelta> outcomes) {

    public static AttributionStage of(Plan plan, JobSettings settings, DataStream<ProductionEvent> production,
            DataStream<EnterpriseEvent> registry) {
        SingleOutputStreamOperator<AttributedOutput> attributed = production
                .keyBy(ProductionEvent::enterpriseId)
                .connect(registry.keyBy(EnterpriseEvent::enterpriseId))
                .transform("attribution (temporal join)", TypeInformation.of(AttributedOutput.class),
                        new Attribution.Operator(new Attribution(plan)))
                .uid("attribution");
        DataStream<AttributedOutput> atEventTime = attributed
                .transform("attributed at event time", TypeInformation.of(AttributedOutput.class),
                        new EventTimeStamps<AttributedOutput>((a, recordTimestamp) -> a.ts()))
                .uid("attributed-at-event-time");
        DataStream<AuditDelta> outcomes = attributed.getSideOutput(IngestOutputs.AUDIT)
                .transform("audit combiner", TypeInformation.of(AuditDelta.class),
                        new LocalCombiner<>(AuditDelta::outcome, AuditDelta::plus, LocalCombiner.Deadline.none(),
                                settings.combineIntervalMs(), 64))
                .uid("attribution-audit-combiner");
        return new AttributionStage(attributed, atEventTime, outcomes);
    }

    /** Changes (±1) of month-end stocks per indicator, district and month. */
    public DataStream<MonthTotal> stockChanges() {
        return attributed.getSideOutput(Attribution.STOCK_CHANGES);
    }

    /** Leading-enterprise standings as of month ends, each a change: also the rows of leading_enterprises. */
    public DataStream<LeadingStatus> leading() {
        return attributed.getSideOutput(Attribution.LEADING);
    }

    /** Production events of no known enterprise at their event time (UNKNOWN_ENTERPRISE). */
    public DataStream<RejectedRecord> rejected() {
        return attributed.getSideOutput(IngestOutputs.REJECTED);
    }
}
