package io.beizeng.ingest;

import io.beizeng.model.AuditDelta;
import io.beizeng.model.RejectReason;
import io.beizeng.model.RejectedRecord;
import io.beizeng.model.SourceEvent;
import io.beizeng.model.SourceTopic;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by eventId. The first event with an id passes; a later one with the same content is a duplicate (counted,
 * not applied), one with different content is rejected as DUPLICATE_CONFLICT. An id is remembered until the
 * watermark passes its event time plus the dedupe horizon; event-time timers make that deterministic in a replay.
 */
public final class Deduplicator<E extends SourceEvent> extends KeyedProcessFunction<String, E, E> {
    private final SourceTopic source;
    private final long horizonMs;
    private transient ValueState<Long> fingerprint;

    public Deduplicator(SourceTopic source, long horizonMs) {
        this.source = source;
        this.horizonMs = horizonMs;
    }

    @Override
    public void open(OpenContext openContext) {
        fingerprint = getRuntimeContext().getState(new ValueStateDescriptor<>("fingerprint", Types.LONG));
    }

    @Override
    public void processElement(E event, Context ctx, Collector<E> out) throws Exception {
        Long seen = fingerprint.value();
        if (seen == null) {
            fingerprint.update(event.fingerprint());
            ctx.timerService().registerEventTimeTimer(saturatedAdd(event.ts(), horizonMs));
            out.collect(event);
        } else if (seen == event.fingerprint()) {
            ctx.output(IngestOutputs.AUDIT, AuditDelta.duplicate(source));
        } else {
            ctx.output(IngestOutputs.REJECTED, RejectedRecord.of(event.origin(), RejectReason.DUPLICATE_CONFLICT,
                    "eventId '" + event.eventId() + "' was accepted before with different content", event.eventId()));
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<E> out) {
        fingerprint.clear();
    }

    private static long saturatedAdd(long a, long b) {
        long r = a + b;
        return ((a ^ r) & (b ^ r)) < 0 ? Long.MAX_VALUE : r;
    }
}
