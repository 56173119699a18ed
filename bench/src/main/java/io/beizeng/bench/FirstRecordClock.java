package io.beizeng.bench;

import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerInterceptor;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerInterceptor;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * When a contender read its first record: a Kafka client interceptor ({@code interceptor.classes}) that notes the
 * first poll that returned records, in whatever consumer of this JVM polls first, and the process's CPU time then. The same for every contender, so
 * that the benchmark times them all from first record read to last result committed, without their start-up.
 *
 * <p>Also a producer interceptor that does nothing: the job gives its Kafka client properties to its alert topic's
 * producer too, which refuses an interceptor class that is not one.
 */
public final class FirstRecordClock implements ConsumerInterceptor<Object, Object>, ProducerInterceptor<Object, Object> {
    private static final AtomicLong FIRST_READ_NANOS = new AtomicLong();
    private static volatile double cpuSecondsAtFirstRead = Double.NaN;

    /** The Kafka client property that installs this clock. */
    static final String PROPERTY = "interceptor.classes";

    /** {@link System#nanoTime()} at the first record read in this JVM. */
    static long firstReadNanos() {
        long first = FIRST_READ_NANOS.get();
        if (first == 0) {
            throw new IllegalStateException("no Kafka consumer with " + PROPERTY + "=" + FirstRecordClock.class.getName()
                    + " read a record");
        }
        return first;
    }

    /** The process's CPU seconds when the first record was read: its start-up's. */
    static double cpuSecondsAtFirstRead() {
        firstReadNanos();
        return cpuSecondsAtFirstRead;
    }

    @Override
    public ConsumerRecords<Object, Object> onConsume(ConsumerRecords<Object, Object> records) {
        if (!records.isEmpty() && FIRST_READ_NANOS.get() == 0) {
            double cpu = Measured.processCpuSeconds();
            if (FIRST_READ_NANOS.compareAndSet(0, System.nanoTime())) {
                cpuSecondsAtFirstRead = cpu;
            }
        }
        return records;
    }

    @Override
    public void onCommit(Map<TopicPartition, OffsetAndMetadata> offsets) {}

    @Override
    public ProducerRecord<Object, Object> onSend(ProducerRecord<Object, Object> record) {
        return record;
    }

    @Override
    public void onAcknowledgement(RecordMetadata metadata, Exception exception) {}

    @Override
    public void close() {}

    @Override
    public void configure(Map<String, ?> configs) {}
}
