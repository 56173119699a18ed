package io.beizeng.runtime;

import java.io.Serializable;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.api.common.functions.ReduceFunction;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.BoundedOneInput;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * Combines elements per key inside a task, before they cross a shuffle (the combiner of MapReduce): a stream of one
 * element per event becomes one element per key and flush. Chained to the operator that produces the elements.
 *
 * <p>It holds elements only in memory and hands them on before anything could observe their absence: before a
 * watermark reaches the earliest deadline among them (for windows: the window's last instant, so that no element
 * reaches a window the watermark has closed), before each checkpoint barrier (so it has no state of its own and a
 * restore replays nothing twice), at the end of input, every flush interval of processing time (so live results
 * stay fresh), and whenever it holds more than {@code maxKeys} keys. The reduce function must be associative; the
 * combined element keeps the timestamp of the first element of its key, so all elements of a key must fall in the
 * same window. Values are held, not copied: the upstream must hand over a new object per element (true unless
 * object reuse is switched on and the upstream reuses its output objects).
 */
public final class LocalCombiner<T> extends AbstractStreamOperator<T>
        implements OneInputStreamOperator<T, T>, BoundedOneInput {

    /** The last instant at which an element may still be handed on: a watermark at or past it flushes. */
    @FunctionalInterface
    public interface Deadline<T> extends Serializable {
        long of(T value);

        /** For elements no watermark closes over. */
        static <T> Deadline<T> none() {
            return value -> Long.MAX_VALUE;
        }
    }

    private final KeySelector<T, ?> key;
    private final ReduceFunction<T> reduce;
    private final Deadline<T> deadline;
    private final long flushIntervalMs;
    private final int maxKeys;

    private transient Map<Object, StreamRecord<T>> pending;
    private transient long earliestDeadline;

    public LocalCombiner(KeySelector<T, ?> key, ReduceFunction<T> reduce, Deadline<T> deadline, long flushIntervalMs,
            int maxKeys) {
        this.key = key;
        this.reduce = reduce;
        this.deadline = deadline;
        this.flushIntervalMs = flushIntervalMs;
        this.maxKeys = maxKeys;
    }

    @Override
    public void open() throws Exception {
        super.open();
        pending = new HashMap<>();
        earliestDeadline = Long.MAX_VALUE;
        getProcessingTimeService().scheduleWithFixedDelay(time -> flush(), flushIntervalMs, flushIntervalMs);
    }

    @Override
    public void processElement(StreamRecord<T> element) throws Exception {
        T value = element.getValue();
        Object k = key.getKey(value);
        StreamRecord<T> held = pending.get(k);
        if (held == null) {
            // a record of our own: the chained upstream may reuse its record object
            pending.put(k, element.hasTimestamp() ? new StreamRecord<>(value, element.getTimestamp())
                    : new StreamRecord<>(value));
            earliestDeadline = Math.min(earliestDeadline, deadline.of(value));
            if (pending.size() > maxKeys) {
                flush();
            }
        } else {
            held.replace(reduce.reduce(held.getValue(), value));
        }
    }

    @Override
    public void processWatermark(Watermark mark) throws Exception {
        if (mark.getTimestamp() >= earliestDeadline) {
            flush();
        }
        super.processWatermark(mark);
    }

    @Override
    public void prepareSnapshotPreBarrier(long checkpointId) throws Exception {
        flush();
        super.prepareSnapshotPreBarrier(checkpointId);
    }

    @Override
    public void endInput() {
        flush();
    }

    @Override
    public void finish() throws Exception {
        flush();
        super.finish();
    }

    private void flush() {
        if (pending.isEmpty()) {
            return;
        }
        for (StreamRecord<T> r : pending.values()) {
            output.collect(r);
        }
        pending.clear();
        earliestDeadline = Long.MAX_VALUE;
    }
}
