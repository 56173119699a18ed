package io.beizeng.ingest;

import io.beizeng.model.Admitted;
import io.beizeng.model.AuditDelta;
import io.beizeng.model.MonthCalendar;
import io.beizeng.model.RejectReason;
import io.beizeng.model.RejectedRecord;
import io.beizeng.model.SourceEvent;
import io.beizeng.model.SourceTopic;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by eventId. The first event with an id passes; a later one with the same content is a duplicate (counted,
 * not applied), one with different content is rejected as DUPLICATE_CONFLICT. An id is remembered for the dedupe
 * horizon of event time after the first event: it counts as expired once its source's watermark (carried from
 * admission) passes that point, and its state is dropped when this operator's watermark does. Both are event
 * time, so a replay decides the same way, whatever the interleaving of partitions.
 */
public final class Deduplicator<E extends SourceEvent> extends KeyedProcessFunction<String, Admitted<E>, E> {
    private final SourceTopic source;
    private final long horizonMs;
    /** For monthly flows: the month-lateness rule again, at this operator's watermark (-1: none). */
    private final MonthCalendar calendar;
    private final long allowedLatenessMs;
    /** (content fingerprint, event time at which the id expires). */
    private transient ValueState<Tuple2<Long, Long>> seen;

    public Deduplicator(SourceTopic source, long horizonMs) {
        this(source, horizonMs, null, -1);
    }

    /**
     * Also rejects as LATE an event whose month is closed at this operator's watermark. Admission judges lateness
     * first, at its source subtask; but a partition that was idle restarts with a watermark of its own far behind the
     * job's, and an event it admits could otherwise reach a closed monthly window and be dropped there. This
     * operator's watermark is never behind the windows' downstream, so nothing that passes here is dropped there.
     */
    public Deduplicator(SourceTopic source, long horizonMs, MonthCalendar calendar, long allowedLatenessMs) {
        this.source = source;
        this.horizonMs = horizonMs;
        this.calendar = calendar;
        this.allowedLatenessMs = allowedLatenessMs;
    }

    @Override
    public void open(OpenContext openContext) {
        seen = getRuntimeContext().getState(
                new ValueStateDescriptor<>("seen", Types.TUPLE(Types.LONG, Types.LONG)));
    }

    @Override
    public void processElement(Admitted<E> admitted, Context ctx, Collector<E> out) throws Exception {
        E event = admitted.event();
        long watermark = ctx.timerService().currentWatermark();
        if (calendar != null && calendar.isClosed(event.ts(), watermark, allowedLatenessMs)) {
            ctx.output(IngestOutputs.REJECTED, RejectedRecord.of(event.origin(), RejectReason.LATE,
                    "event time " + java.time.Instant.ofEpochMilli(event.ts()) + " is in a month closed for corrections"
                            + " at the job's watermark " + java.time.Instant.ofEpochMilli(watermark)
                            + " (its partition was idle while the others moved on)", event.eventId()));
            return;
        }
        Tuple2<Long, Long> first = seen.value();
        if (first == null || first.f1 <= admitted.sourceWatermark()) {
            long expires = saturatedAdd(event.ts(), horizonMs);
            seen.update(Tuple2.of(event.fingerprint(), expires));
            ctx.timerService().registerEventTimeTimer(expires);
            out.collect(event);
        } else if (first.f0 == event.fingerprint()) {
            ctx.output(IngestOutputs.AUDIT, AuditDelta.duplicate(source));
        } else {
            ctx.output(IngestOutputs.REJECTED, RejectedRecord.of(event.origin(), RejectReason.DUPLICATE_CONFLICT,
                    "eventId '" + event.eventId() + "' was accepted before with different content", event.eventId()));
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<E> out) throws Exception {
        Tuple2<Long, Long> first = seen.value();
        if (first != null && first.f1 <= timestamp) {
            seen.clear();
        }
    }

    private static long saturatedAdd(long a, long b) {
        long r = a + b;
        return ((a ^ r) & (b ^ r)) < 0 ? Long.MAX_VALUE : r;
    }
}
