package io.beizeng.sink;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.beizeng.model.ProgressAlert;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;

/**
 * Publishes alerts to a Kafka topic, exactly once: Kafka transactions committed with Flink's checkpoints (consumers
 * read with {@code isolation.level=read_committed}). Key: the alert id; value: the alert as JSON.
 */
public final class AlertTopic {
    public static final String DEFAULT_TOPIC = "beizeng.progress-alerts";

    private AlertTopic() {}

    public static Sink<ProgressAlert> sink(String bootstrapServers, String topic, Properties clientProperties,
            String planId) {
        Properties p = new Properties();
        p.putAll(clientProperties);
        // below the broker's default transaction.max.timeout.ms (15 min)
        p.putIfAbsent("transaction.timeout.ms", "600000");
        return KafkaSink.<ProgressAlert>builder()
                .setBootstrapServers(bootstrapServers)
                .setKafkaProducerConfig(p)
                .setRecordSerializer(KafkaRecordSerializationSchema.<ProgressAlert>builder()
                        .setTopic(topic)
                        .setKeySerializationSchema((SerializationSchema<ProgressAlert>)
                                a -> a.alertId().getBytes(StandardCharsets.UTF_8))
                        .setValueSerializationSchema(new AlertJson())
                        .build())
                .setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
                // one prefix per plan and topic: two jobs writing different topics never fence each other
                .setTransactionalIdPrefix("beizeng-alerts-" + planId + "-" + topic)
                .build();
    }

    /** The alert as a JSON object, with its id. */
    static final class AlertJson implements SerializationSchema<ProgressAlert> {
        private transient ObjectMapper mapper;

        @Override
        public byte[] serialize(ProgressAlert alert) {
            if (mapper == null) {
                mapper = JsonMapper.builder().build();
            }
            try {
                var node = mapper.valueToTree(alert);
                ((com.fasterxml.jackson.databind.node.ObjectNode) node).put("alertId", alert.alertId());
                return mapper.writeValueAsBytes(node);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
