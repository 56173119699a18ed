package io.beizeng.ingest;

import io.beizeng.model.Origin;
import java.util.OptionalLong;

/**
 * The watermark of one source partition (or file) as its own records define it: the latest event time read from it
 * so far, minus the out-of-orderness bound, minus 1 ms (Flink's rule for bounded out-of-orderness). Lateness and
 * dedupe expiry are judged at it, so they depend only on the order of the partition's records: not on how often the
 * job's watermarks are emitted, nor on how partitions interleave in a source subtask. {@link Admission} keeps one
 * per partition and checkpoints its latest event time ({@link Latest}).
 */
final class PartitionWatermark {
    /** A partition's latest event time, as checkpointed: {@code partition} as {@link #partitionOf} names it. */
    public record Latest(String partition, long ts) {}

    private final long bound;
    private long latest = Long.MIN_VALUE;

    PartitionWatermark(long maxOutOfOrdernessMs) {
        this.bound = maxOutOfOrdernessMs;
    }

    /**
     * The partition of a record: its position up to the last ':' (the Kafka partition of {@code partition:offset},
     * the file of {@code file:line}).
     */
    static String partitionOf(Origin origin) {
        String position = origin.position();
        int colon = position.lastIndexOf(':');
        return colon < 0 ? position : position.substring(0, colon);
    }

    /** The watermark before a record with event time {@code ts}, which then moves it on. */
    long before(long ts) {
        long watermark = latest == Long.MIN_VALUE ? Long.MIN_VALUE : latest - bound - 1;
        if (ts > latest) {
            latest = ts;
        }
        return watermark;
    }

    /** The latest event time read, if any. */
    OptionalLong latest() {
        return latest == Long.MIN_VALUE ? OptionalLong.empty() : OptionalLong.of(latest);
    }

    /** Takes a checkpointed latest event time back (the greatest, when partitions' states are merged). */
    void restore(long ts) {
        latest = Math.max(latest, ts);
    }
}
