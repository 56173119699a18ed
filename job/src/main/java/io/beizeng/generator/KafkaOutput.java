package io.beizeng.generator;

import io.beizeng.ingest.TopicOffsets;
import io.beizeng.model.SourceTopic;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Produces the generated streams to Kafka, keyed by enterprise or project id, optionally paced to a rate in
 * records per second.
 */
public final class KafkaOutput implements EventGenerator.Output, AutoCloseable {
    private final KafkaProducer<String, byte[]> producer;
    private final Map<SourceTopic, String> topics;
    private final Properties clientProperties;
    private volatile double rate;
    private long started = System.nanoTime();
    private long sent;

    public KafkaOutput(String bootstrapServers, Map<SourceTopic, String> topics, Properties extra, double rate) {
        Properties p = new Properties();
        p.putAll(extra);
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        // One request in flight: with more, a topic created a moment ago (the demo's) can refuse a first batch
        // NOT_LEADER_OR_FOLLOWER and accept the second, and then refuses the first one's retry for good.
        p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
        p.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 16 * 1024 * 1024);
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "beizeng-generator");
        this.producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
        this.topics = topics;
        this.rate = rate;
        this.clientProperties = new Properties();
        clientProperties.putAll(extra);
        clientProperties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    }

    /** Records per second from now on; 0 for as fast as possible. */
    public void pace(double recordsPerSecond) {
        rate = recordsPerSecond;
        started = System.nanoTime();
        sent = 0;
    }

    @Override
    public void emit(SourceTopic topic, String key, byte[] value) {
        producer.send(new ProducerRecord<>(topics.get(topic), key, value));
        sent++;
        if (rate > 0) {
            long due = started + (long) (sent / rate * 1e9);
            long wait = due - System.nanoTime();
            if (wait > 1_000_000) {
                try {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted", e);
                }
            }
        }
    }

    /** Whether any of the topics holds a record already (its latest offset is past 0 in some partition). */
    public boolean topicsHoldRecords() throws InterruptedException, ExecutionException, TimeoutException {
        try (Admin admin = Admin.create(clientProperties)) {
            return TopicOffsets.of(admin, topics.values(), OffsetSpec.latest()).values().stream()
                    .anyMatch(offset -> offset > 0);
        }
    }

    public void flush() {
        producer.flush();
    }

    @Override
    public void close() {
        producer.close();
    }
}
