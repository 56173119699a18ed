package io.beizeng.ingest;

import io.beizeng.runtime.SeenIds;
import io.beizeng.runtime.SeenIdsSerializer;
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
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by a bucket of event ids ({@link #byEventIdBucket()}). The first event with an id passes; a later one with
 * the same content is a duplicate (counted, not applied), one with different content is rejected as
 * DUPLICATE_CONFLICT. An id is remembered for the dedupe horizon of event time after the first event: it counts as
 * expired once its source's watermark (carried from admission) passes that point. Both are event time, so a replay
 * decides the same way, whatever the interleaving of partitions.
 *
 * <p>Why buckets: keyed by the id itself, every event would cost an expiry timer of its own in the timer queue. A
 * bucket instead holds many ids in one table ({@link SeenIds}), and forgets the expired ones a few slots at a time
 * as it adds ids, and all at once when the table is full, before it would grow: no timers at all. (Sweep timers per
 * bucket do not fit either: a bucket's ids span months of event time when one partition's reader runs ahead of the
 * other's, so its sweeps would alternate, be registered again and again, and each read the whole table.) An
 * expired id is forgotten at the operator's watermark, which the watermark of no active
 * partition is behind, so forgetting it changes no decision. (A partition back from idleness may be behind it, and
 * one of its records may then find an id forgotten that its own watermark would still hold, as with the sweeps
 * before.) A bucket holds at most four times the ids unexpired at its last purge.
 */
public final class Deduplicator<E extends SourceEvent> extends KeyedProcessFunction<Integer, Admitted<E>, E> {
    /**
     * Buckets ids are spread over: enough to spread them over the key groups of any parallelism, few enough that
     * each holds many ids and a purge of its table forgets many at once.
     */
    static final int BUCKET_BITS = 10;
    static final int BUCKETS = 1 << BUCKET_BITS;

    private final SourceTopic source;
    private final long horizonMs;
    /** For monthly flows: the month-lateness rule again, at this operator's watermark (-1: none). */
    private final MonthCalendar calendar;
    private final long allowedLatenessMs;
    /** The ids of the bucket, each with its content fingerprint and the event time at which it expires. */
    private transient ValueState<SeenIds> seen;

    public Deduplicator(SourceTopic source, long horizonMs) {
        this(source, horizonMs, null, -1);
    }

    /**
     * Also rejects as LATE an event whose month is closed at this operator's watermark. Admission judges lateness
     * first, at the watermark of the event's own partition; but a partition that was idle restarts with a watermark of
     * its own far behind the job's, and an event it admits could otherwise reach a closed monthly window and be dropped
     * there. This operator's watermark is never behind the windows' downstream, so nothing that passes here is
     * dropped there.
     */
    public Deduplicator(SourceTopic source, long horizonMs, MonthCalendar calendar, long allowedLatenessMs) {
        this.source = source;
        this.horizonMs = horizonMs;
        this.calendar = calendar;
        this.allowedLatenessMs = allowedLatenessMs;
    }

    /** The key of this operator: the bucket of the event's id. */
    public static <E extends SourceEvent> KeySelector<Admitted<E>, Integer> byEventIdBucket() {
        return a -> bucketOf(a.event().eventId());
    }

    /**
     * The top bits of the id's hash after a multiplicative mix (Fibonacci hashing). Not its low bits: a bucket's ids
     * are kept in a hash table indexed by the low bits of the same hash, and ids numbered in sequence would all land
     * in one slot of it.
     */
    static int bucketOf(String eventId) {
        return (eventId.hashCode() * 0x9E3779B9) >>> (Integer.SIZE - BUCKET_BITS);
    }

    @Override
    public void open(OpenContext openContext) {
        seen = getRuntimeContext().getState(new ValueStateDescriptor<>("seen-ids", SeenIdsSerializer.INSTANCE));
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
        SeenIds ids = seen.value();
        if (ids == null) {
            ids = new SeenIds();
        }
        int first = ids.find(event.eventId());
        if (first < 0 || ids.expiresAt(first) <= admitted.sourceWatermark()) {
            long expires = saturatedAdd(event.ts(), horizonMs);
            if (first < 0) {
                ids.add(event.eventId(), event.fingerprint(), expires, watermark);
            } else {
                ids.renew(first, event.fingerprint(), expires);
            }
            seen.update(ids);
            out.collect(event);
        } else if (ids.fingerprintAt(first) == event.fingerprint()) {
            ctx.output(IngestOutputs.AUDIT, AuditDelta.duplicate(source));
        } else {
            ctx.output(IngestOutputs.REJECTED, RejectedRecord.of(event.origin(), RejectReason.DUPLICATE_CONFLICT,
                    "eventId '" + event.eventId() + "' was accepted before with different content", event.eventId()));
        }
    }

    private static long saturatedAdd(long a, long b) {
        long r = a + b;
        return ((a ^ r) & (b ^ r)) < 0 ? Long.MAX_VALUE : r;
    }
}
