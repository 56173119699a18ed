package io.beizeng.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Smoke test of the harness: a real Kafka broker and a real PostgreSQL, both started for this class. */
class HarnessIT {

    @RegisterExtension
    static final KafkaBroker KAFKA = new KafkaBroker();

    @RegisterExtension
    static final PostgresServer POSTGRES = new PostgresServer();

    @Test
    void producesAndConsumesThroughARealBroker() {
        String topic = "harness-smoke";
        KAFKA.createTopic(topic, 2);
        assertThat(KAFKA.topics()).contains(topic);

        List<RecordMetadata> sent = KAFKA.produceAll(topic, List.of(
                KafkaBroker.KeyedRecord.of(0, "a", bytes("first")),
                KafkaBroker.KeyedRecord.of(1, "b", bytes("second")),
                KafkaBroker.KeyedRecord.of(0, "c", bytes("third"))));
        assertThat(sent).extracting(RecordMetadata::partition).containsExactly(0, 1, 0);
        assertThat(sent).extracting(RecordMetadata::offset).containsExactly(0L, 0L, 1L);

        List<TopicPartition> partitions = List.of(new TopicPartition(topic, 0), new TopicPartition(topic, 1));
        List<ConsumerRecord<String, byte[]>> received = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(KAFKA.consumerProperties("harness-it"))) {
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (received.size() < 3 && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(received::add);
            }
        }

        assertThat(received).hasSize(3);
        Map<String, String> valueByKey = received.stream()
                .collect(Collectors.toMap(ConsumerRecord::key, r -> new String(r.value(), StandardCharsets.UTF_8)));
        assertThat(valueByKey).containsExactlyInAnyOrderEntriesOf(Map.of("a", "first", "b", "second", "c", "third"));
        assertThat(received.stream().filter(r -> r.partition() == 0).map(ConsumerRecord::key))
                .containsExactly("a", "c");
        assertThat(received.stream().filter(r -> r.partition() == 1).map(ConsumerRecord::key))
                .containsExactly("b");

        KAFKA.deleteTopics(topic);
        assertThat(KAFKA.topics()).doesNotContain(topic);
    }

    @Test
    void acceptsATenMegabyteRecord() {
        String topic = "harness-large";
        KAFKA.createTopic(topic, 1);
        byte[] big = new byte[10 * 1024 * 1024];
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) (i * 31);
        }

        RecordMetadata metadata = KAFKA.produce(topic, 0, "big", big);
        assertThat(metadata.serializedValueSize()).isEqualTo(big.length);

        TopicPartition tp = new TopicPartition(topic, 0);
        List<ConsumerRecord<String, byte[]>> received = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(KAFKA.consumerProperties("harness-large"))) {
            consumer.assign(List.of(tp));
            consumer.seekToBeginning(List.of(tp));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (received.isEmpty() && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(received::add);
            }
        }
        assertThat(received).hasSize(1);
        assertThat(received.get(0).value()).isEqualTo(big);
    }

    @Test
    void createsAnEmptyDatabaseAndStoresARow() throws SQLException {
        String url = POSTGRES.createDatabase();
        assertThat(url).startsWith("jdbc:postgresql://localhost:" + POSTGRES.port() + "/");

        try (Connection c = POSTGRES.connect(url)) {
            try (Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery(
                            "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'")) {
                rs.next();
                assertThat(rs.getInt(1)).isZero();
            }
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE item (id bigint PRIMARY KEY, name text NOT NULL)");
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO item (id, name) VALUES (?, ?)")) {
                ps.setLong(1, 42L);
                ps.setString(2, "bobbin");
                assertThat(ps.executeUpdate()).isEqualTo(1);
            }
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT id, name FROM item")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getLong("id")).isEqualTo(42L);
                assertThat(rs.getString("name")).isEqualTo("bobbin");
                assertThat(rs.next()).isFalse();
            }
        }

        // each call gives another, empty database
        String other = POSTGRES.createDatabase();
        assertThat(other).isNotEqualTo(url);
        try (Connection c = POSTGRES.connect(other); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT to_regclass('public.item') IS NULL")) {
            rs.next();
            assertThat(rs.getBoolean(1)).isTrue();
        }
    }

    @Test
    void postgresChecksThePassword() throws SQLException {
        String url = POSTGRES.jdbcUrl("postgres");
        assertThatThrownBy(() -> DriverManager.getConnection(url, POSTGRES.user(), "wrong").close())
                .isInstanceOf(SQLException.class);
        try (Connection c = DriverManager.getConnection(url, POSTGRES.user(), POSTGRES.password());
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getBoolean(1)).isTrue();
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
