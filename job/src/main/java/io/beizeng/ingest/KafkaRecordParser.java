package io.beizeng.ingest;

import io.beizeng.model.Origin;
import io.beizeng.model.Received;
import io.beizeng.model.SourceEvent;
import io.beizeng.model.SourceTopic;
import java.util.Arrays;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Parses Kafka records in the source, so that timestamps and watermarks are per partition, and gives each accepted
 * event the watermark of its partition (see {@link PartitionWatermark}). One instance serves the partitions of one
 * source subtask (a source reads one topic).
 */
public final class KafkaRecordParser<E extends SourceEvent> implements KafkaRecordDeserializationSchema<Received<E>> {
    private final SourceTopic source;
    private final EventParser<E> parser;
    private final TypeInformation<Received<E>> type;
    private final long maxOutOfOrdernessMs;
    /** By partition number. */
    private transient PartitionWatermark[] partitions;

    public KafkaRecordParser(SourceTopic source, EventParser<E> parser, TypeInformation<Received<E>> type,
            long maxOutOfOrdernessMs) {
        this.source = source;
        this.parser = parser;
        this.type = type;
        this.maxOutOfOrdernessMs = maxOutOfOrdernessMs;
    }

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<Received<E>> out) {
        Origin origin = new Origin(source, record.partition() + ":" + record.offset(), record.value());
        out.collect(partition(record.partition()).stamp(parser.parse(origin)));
    }

    private PartitionWatermark partition(int partition) {
        if (partitions == null || partition >= partitions.length) {
            partitions = partitions == null ? new PartitionWatermark[partition + 1]
                    : Arrays.copyOf(partitions, partition + 1);
        }
        PartitionWatermark watermark = partitions[partition];
        if (watermark == null) {
            watermark = new PartitionWatermark(maxOutOfOrdernessMs);
            partitions[partition] = watermark;
        }
        return watermark;
    }

    @Override
    public TypeInformation<Received<E>> getProducedType() {
        return type;
    }
}
