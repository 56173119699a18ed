package io.beizeng.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.beizeng.config.Plan;
import io.beizeng.model.SourceTopic;
import io.beizeng.sink.JdbcSinks;
import io.beizeng.testing.MiniClusters;
import io.beizeng.testing.KafkaBroker;
import io.beizeng.testing.KafkaJob;
import io.beizeng.testing.PostgresServer;
import io.beizeng.testing.Reference;
import io.beizeng.testing.ResultTables;
import io.beizeng.testing.TestPlans;
import io.beizeng.testing.TestWorld;
import io.beizeng.testing.TestWorld.Expect;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Hostile input mixed into good traffic on every topic, through a real broker: none of it may restart the job
 * (restarts are switched off, so any failure fails the test), each record lands in rejected_events with its reason,
 * the 10 MB record's payload is stored capped, and the good events around are unaffected (the tables equal the
 * reference).
 */
class BadInputIT {
    @RegisterExtension
    static final KafkaBroker KAFKA = new KafkaBroker();

    @RegisterExtension
    static final PostgresServer POSTGRES = new PostgresServer();

    @RegisterExtension
    static final MiniClusterExtension FLINK = MiniClusters.twoSlots();

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** The hostile records for one topic, each with the reason the job must give. */
    private static List<TestWorld.Record> hostile(SourceTopic topic, String key, String valid) {
        List<TestWorld.Record> r = new ArrayList<>();
        byte[] random = new byte[300];
        new Random(topic.ordinal()).nextBytes(random);
        random[0] = (byte) 0xFE;
        byte[] invalidUtf8 = utf8(valid);
        invalidUtf8[3] = (byte) 0xC3;
        invalidUtf8[4] = (byte) 0x28;
        byte[] huge = new byte[10 * 1024 * 1024];
        java.util.Arrays.fill(huge, (byte) 'x');
        byte[] prefix = utf8("{\"eventId\":\"");
        System.arraycopy(prefix, 0, huge, 0, prefix.length);
        String nested = "{\"eventId\":" + "[".repeat(10_000) + "]".repeat(10_000) + "}";
        Object[][] cases = {
            {random, Expect.MALFORMED_JSON},
            {invalidUtf8, Expect.MALFORMED_JSON},
            {utf8(valid.substring(0, valid.length() / 2)), Expect.MALFORMED_JSON},
            {utf8("[" + valid + "]"), Expect.MALFORMED_JSON},
            {utf8("12345"), Expect.MALFORMED_JSON},
            {huge, Expect.MALFORMED_JSON},
            {utf8(nested), Expect.MALFORMED_JSON},
            {utf8(valid.replaceFirst("\"ts\":\"[^\"]+\"", "\"ts\":12345")), Expect.SCHEMA_VIOLATION},
            {utf8(valid.replaceFirst("\"ts\":\"([^\"]+)[+-]\\d\\d:\\d\\d\"", "\"ts\":\"$1\"").replace("Z\"", "\"")), Expect.SCHEMA_VIOLATION},
            {utf8(valid.replaceFirst("\"ts\":\"\\d{4}", "\"ts\":\"9999")), Expect.OUT_OF_RANGE},
        };
        for (Object[] c : cases) {
            r.add(new TestWorld.Record(topic, key, (byte[]) c[0], (Expect) c[1], null));
        }
        return r;
    }

    @Test
    void hostileRecordsOnEveryTopicAreRejectedWithReasonsAndNothingElseChanges() throws Exception {
        Plan plan = TestPlans.zaozhuang();
        TestWorld world = TestWorld.generate(plan, 23L, 20);
        String production = "{\"eventId\":\"h1\",\"enterpriseId\":\"E001\",\"ts\":\"2024-05-05T10:00:00+08:00\",\"kind\":\"OUTPUT\",\"outputValue\":1,\"revenue\":1}";
        String registry = "{\"eventId\":\"h2\",\"enterpriseId\":\"E001\",\"ts\":\"2024-05-05T10:00:00+08:00\",\"type\":\"UPDATED\",\"name\":\"x\"}";
        String investment = "{\"eventId\":\"h3\",\"projectId\":\"P\",\"ts\":\"2024-05-05T10:00:00+08:00\",\"type\":\"SIGNED\",\"districtCode\":\"370402\",\"amount\":1}";
        Map<SourceTopic, String> valid = Map.of(SourceTopic.PRODUCTION, production, SourceTopic.ENTERPRISE, registry,
                SourceTopic.INVESTMENT, investment);
        List<TestWorld.Record> extra = new ArrayList<>();
        for (SourceTopic t : SourceTopic.values()) {
            List<TestWorld.Record> stream = world.stream(t);
            List<TestWorld.Record> bad = hostile(t, t == SourceTopic.INVESTMENT ? "PRJ-0" : "E001", valid.get(t));
            for (int i = 0; i < bad.size(); i++) {
                stream.add(Math.min(stream.size(), 5 + i * (stream.size() / (bad.size() + 1))), bad.get(i));
            }
            extra.addAll(bad);
        }
        // production-specific: unknown kind, negative OUTPUT, 40 digits, 3 fraction digits, NaN, Infinity
        String[] productionCases = {
            production.replace("OUTPUT", "GUESS"), production.replace("\"outputValue\":1", "\"outputValue\":-1"),
            production.replace("\"outputValue\":1", "\"outputValue\":1234567890123456789012345678901234567890"),
            production.replace("\"outputValue\":1", "\"outputValue\":1.005")};
        for (String c : productionCases) {
            world.production.add(50, new TestWorld.Record(SourceTopic.PRODUCTION, "E002", utf8(c), Expect.SCHEMA_VIOLATION, null));
        }
        for (String c : new String[] {production.replace("\"outputValue\":1", "\"outputValue\":NaN"),
            production.replace("\"outputValue\":1", "\"outputValue\":Infinity")}) {
            world.production.add(60, new TestWorld.Record(SourceTopic.PRODUCTION, "E002", utf8(c), Expect.MALFORMED_JSON, null));
        }
        world.registry.add(7, new TestWorld.Record(SourceTopic.ENTERPRISE, "E003",
                utf8(registry.replace("UPDATED", "RENAMED")), Expect.SCHEMA_VIOLATION, null));

        world.produceTo(KAFKA, 2);
        String db = POSTGRES.createDatabase();
        // with restarts off, any failure would throw here
        KafkaJob.of(plan, KAFKA.bootstrapServers(), db, POSTGRES).group("bad-input").bounded().noRestarts()
                .kafkaProperty("max.partition.fetch.bytes", String.valueOf(16 * 1024 * 1024)).run("bad input");

        ResultTables tables = ResultTables.read(db, POSTGRES.user(), POSTGRES.password(), plan.planId());
        tables.assertMatches(new Reference(plan, world, 2));
        try (Connection c = DriverManager.getConnection(db, POSTGRES.user(), POSTGRES.password());
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT source, detail, payload_bytes, payload_truncated, length(payload) "
                        + "FROM rejected_events WHERE payload_bytes > 1048576")) {
            int big = 0;
            while (rs.next()) {
                big++;
                assertThat(rs.getInt("payload_bytes")).isEqualTo(10 * 1024 * 1024);
                assertThat(rs.getBoolean("payload_truncated")).isTrue();
                assertThat(rs.getInt(5)).isLessThanOrEqualTo(JdbcSinks.PAYLOAD_CAP_BYTES);
                assertThat(rs.getString("detail")).contains("exceeds the limit");
            }
            assertThat(big).as("one 10 MB record per topic").isEqualTo(3);
        }
        // every detail says what was wrong
        assertThat(tables.rejectedDetails.values()).allSatisfy(d -> assertThat(d).isNotBlank());
    }
}
