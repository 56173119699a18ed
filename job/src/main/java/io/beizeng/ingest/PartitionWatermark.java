package io.beizeng.ingest;

import io.beizeng.model.Received;
import io.beizeng.model.SourceEvent;

/**
 * The watermark of one source partition (or file) as its own records define it: the latest event time read from it
 * so far, minus the out-of-orderness bound, minus 1 ms (Flink's rule for bounded out-of-orderness). Lateness and
 * dedupe expiry are judged at it, so they depend only on the order of the partition's records: not on how often the
 * job's watermarks are emitted, nor on how partitions interleave in a source subtask.
 *
 * <p>Like Flink's own watermark generators it is not checkpointed: after a restore from a checkpoint it starts again
 * from the records read after the restored position.
 */
final class PartitionWatermark {
    private final long bound;
    private long latest = Long.MIN_VALUE;

    PartitionWatermark(long maxOutOfOrdernessMs) {
        this.bound = maxOutOfOrdernessMs;
    }

    /**
     * The outcome of parsing a record of this partition, with the watermark just before it; an accepted event then
     * moves the watermark on, a rejection (no event time) does not.
     */
    <E extends SourceEvent> Received<E> stamp(Received<E> received) {
        return received.isRejected() ? received : received.readAt(before(received.event().ts()));
    }

    /** The watermark before a record with event time {@code ts}, which then moves it on. */
    long before(long ts) {
        long watermark = latest == Long.MIN_VALUE ? Long.MIN_VALUE : latest - bound - 1;
        if (ts > latest) {
            latest = ts;
        }
        return watermark;
    }
}
