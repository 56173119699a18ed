package io.beizeng.ingest;

import io.beizeng.config.JobSettings;
import io.beizeng.model.Admitted;
import io.beizeng.model.AuditDelta;
import io.beizeng.model.EnterpriseEvent;
import io.beizeng.model.InvestmentEvent;
import io.beizeng.model.MonthCalendar;
import io.beizeng.model.ProductionEvent;
import io.beizeng.model.Received;
import io.beizeng.model.RejectedRecord;
import io.beizeng.model.SourceEvent;
import io.beizeng.model.SourceTopic;
import java.util.Locale;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;

/**
 * The ingest stage of one input stream: admission (parse rejections, and for the monthly flows LATE at the source
 * partition's watermark), then the dedupe by eventId. Every record of the stream leaves as an accepted event, a
 * rejected record, or (duplicates) an audit outcome.
 *
 * @param events the accepted events, each the first of its eventId within the dedupe horizon
 */
public record Ingest<E extends SourceEvent>(
        SourceTopic source,
        SingleOutputStreamOperator<Admitted<E>> admitted,
        SingleOutputStreamOperator<E> events) {

    public static Ingest<ProductionEvent> production(MonthCalendar calendar, JobSettings settings,
            DataStream<Received<ProductionEvent>> in) {
        return of(SourceTopic.PRODUCTION, in, calendar, settings, true, StreamTypes.ADMITTED_PRODUCTION,
                StreamTypes.PRODUCTION);
    }

    public static Ingest<EnterpriseEvent> registry(MonthCalendar calendar, JobSettings settings,
            DataStream<Received<EnterpriseEvent>> in) {
        return of(SourceTopic.ENTERPRISE, in, calendar, settings, false, StreamTypes.ADMITTED_ENTERPRISE,
                TypeInformation.of(EnterpriseEvent.class));
    }

    public static Ingest<InvestmentEvent> investment(MonthCalendar calendar, JobSettings settings,
            DataStream<Received<InvestmentEvent>> in) {
        return of(SourceTopic.INVESTMENT, in, calendar, settings, true, StreamTypes.ADMITTED_INVESTMENT,
                TypeInformation.of(InvestmentEvent.class));
    }

    /** @param monthLateness whether the stream's events are rejected as LATE once their month is closed */
    private static <E extends SourceEvent> Ingest<E> of(SourceTopic source, DataStream<Received<E>> in,
            MonthCalendar calendar, JobSettings settings, boolean monthLateness,
            TypeInformation<Admitted<E>> admittedType, TypeInformation<E> eventType) {
        String name = source.name().toLowerCase(Locale.ROOT);
        long lateness = settings.allowedLateness().toMillis();
        long horizon = settings.dedupeHorizon().toMillis();
        long disorder = settings.maxOutOfOrderness().toMillis();
        SingleOutputStreamOperator<Admitted<E>> admitted = in
                .process(monthLateness ? Admission.<E>withMonthLateness(source, calendar, lateness, disorder)
                        : Admission.<E>withoutLateness(source, calendar, disorder))
                .returns(admittedType)
                .name(name + " admission").uid(name + "-admission");
        SingleOutputStreamOperator<E> events = admitted
                .keyBy(Deduplicator.<E>byEventIdBucket(), Types.INT)
                .process(monthLateness ? new Deduplicator<E>(source, horizon, calendar, lateness)
                        : new Deduplicator<E>(source, horizon))
                .returns(eventType)
                .name(name + " dedupe").uid(name + "-dedupe-buckets");
        return new Ingest<>(source, admitted, events);
    }

    /** Records rejected in admission or dedupe. */
    public DataStream<RejectedRecord> rejected() {
        return admitted.getSideOutput(IngestOutputs.REJECTED).union(events.getSideOutput(IngestOutputs.REJECTED));
    }

    /** Duplicates, as audit outcomes (rejections are counted from {@link #rejected()}, acceptance downstream). */
    public DataStream<AuditDelta> duplicates() {
        return events.getSideOutput(IngestOutputs.AUDIT);
    }
}
