package io.beizeng.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.beizeng.model.ProductionEvent;
import io.beizeng.model.Received;
import io.beizeng.model.SourceTopic;
import io.beizeng.testing.TestPlans;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.functions.util.ListCollector;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.fs.local.LocalDataInputStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sources' parsers give every accepted event the watermark of its own partition (or file) just before it. */
class SourceWatermarksTest {
    private static final long HOUR = 3_600_000;
    private static final long BOUND = HOUR;
    private final ProductionEventParser parser = new ProductionEventParser(TestPlans.zaozhuang());

    private static String event(String id, String ts) {
        return "{\"eventId\":\"" + id + "\",\"enterpriseId\":\"E1\",\"ts\":\"" + ts + "\",\"kind\":\"OUTPUT\","
                + "\"outputValue\":1,\"revenue\":1}";
    }

    private static long ms(String ts) {
        return OffsetDateTime.parse(ts).toInstant().toEpochMilli();
    }

    @Test
    void kafkaPartitionsKeepWatermarksOfTheirOwn() {
        var kafka = new KafkaRecordParser<>(SourceTopic.PRODUCTION, parser, StreamTypes.RECEIVED_PRODUCTION, BOUND);
        List<Received<ProductionEvent>> out = new ArrayList<>();
        ListCollector<Received<ProductionEvent>> collector = new ListCollector<>(out);
        // partition 3 runs a day ahead of partition 0; a malformed record in between moves neither
        kafka.deserialize(record(0, 0, event("a", "2024-03-05T10:00:00Z")), collector);
        kafka.deserialize(record(3, 0, event("b", "2024-03-06T10:00:00Z")), collector);
        kafka.deserialize(record(0, 1, "{not json"), collector);
        kafka.deserialize(record(0, 2, event("c", "2024-03-05T09:00:00Z")), collector);
        kafka.deserialize(record(3, 1, event("d", "2024-03-06T12:00:00Z")), collector);
        kafka.deserialize(record(0, 3, event("e", "2024-03-05T11:00:00Z")), collector);

        assertThat(out).extracting(Received::partitionWatermark).containsExactly(
                Long.MIN_VALUE,
                Long.MIN_VALUE,
                Long.MIN_VALUE,
                ms("2024-03-05T10:00:00Z") - BOUND - 1,
                ms("2024-03-06T10:00:00Z") - BOUND - 1,
                ms("2024-03-05T10:00:00Z") - BOUND - 1);
        assertThat(out.get(2).isRejected()).isTrue();
    }

    @Test
    void aFileHasOneWatermark(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("production.jsonl");
        Files.writeString(file, String.join("\n", event("a", "2024-03-05T10:00:00Z"), "{not json", "",
                event("b", "2024-03-05T12:00:00Z"), event("c", "2024-03-05T08:00:00Z")), StandardCharsets.UTF_8);
        var format = new JsonLinesFormat<>(SourceTopic.PRODUCTION, parser, StreamTypes.RECEIVED_PRODUCTION, BOUND);
        List<Long> watermarks = new ArrayList<>();
        try (var reader = format.createReader(new Configuration(), new LocalDataInputStream(file.toFile()))) {
            for (Received<ProductionEvent> r = reader.read(); r != null; r = reader.read()) {
                watermarks.add(r.partitionWatermark());
            }
        }
        assertThat(watermarks).containsExactly(Long.MIN_VALUE, Long.MIN_VALUE,
                ms("2024-03-05T10:00:00Z") - BOUND - 1, ms("2024-03-05T12:00:00Z") - BOUND - 1);
    }

    private static ConsumerRecord<byte[], byte[]> record(int partition, long offset, String value) {
        return new ConsumerRecord<>("production-events", partition, offset, null,
                value.getBytes(StandardCharsets.UTF_8));
    }
}
