package io.beizeng.ingest;

import io.beizeng.model.Origin;
import io.beizeng.model.Received;
import io.beizeng.model.SourceEvent;
import io.beizeng.model.SourceTopic;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Parses Kafka records in the source, so that timestamps and watermarks are per partition; each record's position
 * ({@code partition:offset}) goes with it, and {@link Admission} keeps each partition's watermark by it. One instance
 * serves the partitions of one source subtask (a source reads one topic).
 */
public final class KafkaRecordParser<E extends SourceEvent> implements KafkaRecordDeserializationSchema<Received<E>> {
    private final SourceTopic source;
    private final EventParser<E> parser;
    private final TypeInformation<Received<E>> type;

    public KafkaRecordParser(SourceTopic source, EventParser<E> parser, TypeInformation<Received<E>> type) {
        this.source = source;
        this.parser = parser;
        this.type = type;
    }

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<Received<E>> out) {
        Origin origin = new Origin(source, record.partition() + ":" + record.offset(), record.value());
        out.collect(parser.parse(origin));
    }

    @Override
    public TypeInformation<Received<E>> getProducedType() {
        return type;
    }
}
