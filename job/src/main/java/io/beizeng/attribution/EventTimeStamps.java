package io.beizeng.attribution;

import org.apache.flink.api.common.eventtime.SerializableTimestampAssigner;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * Gives each element its own event time as its record timestamp, chained after {@link Attribution}. A process
 * function's output carries the timestamp of what it is handling, and Attribution releases every waiting event the
 * watermark has passed from one timer, at the earliest of them; the windows downstream place an element by its
 * record timestamp. Watermarks pass unchanged: an element released at a watermark is never behind it.
 */
public final class EventTimeStamps<T> extends AbstractStreamOperator<T> implements OneInputStreamOperator<T, T> {
    private final SerializableTimestampAssigner<T> eventTime;

    public EventTimeStamps(SerializableTimestampAssigner<T> eventTime) {
        this.eventTime = eventTime;
    }

    @Override
    public void processElement(StreamRecord<T> element) throws Exception {
        T value = element.getValue();
        output.collect(element.replace(value,
                eventTime.extractTimestamp(value, element.hasTimestamp() ? element.getTimestamp() : Long.MIN_VALUE)));
    }
}
