package io.beizeng.bench;

import io.beizeng.config.Plan;
import io.beizeng.demo.LocalKafka;
import io.beizeng.generator.EventGenerator;
import io.beizeng.generator.KafkaOutput;
import io.beizeng.model.SourceTopic;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;

/** The preloaded workload, and the results of the job and the SQL contender, read back to be compared. */
final class Workload {
    private Workload() {}

    /**
     * Fills the three topics with the generator's world: {@code enterprises} enterprises over two years from the
     * plan's baseline year, with 0.5 % duplicates, 0.1 % malformed records, bounded disorder and no late arrivals
     * (so that the job and the SQL job must agree exactly). Returns the generator's counts.
     */
    static EventGenerator.Stats preload(LocalKafka kafka, Plan plan, long seed, int enterprises,
            EventGenerator.Granularity granularity, int years) {
        EventGenerator generator = new EventGenerator(plan, new EventGenerator.Settings(seed, enterprises, granularity,
                io.beizeng.generator.WorldModel.ADJUSTMENT_RATE, 0.005, 0.0, 0.001));
        LocalDate from = LocalDate.of(plan.baselineYear(), 1, 1);
        try (KafkaOutput out = new KafkaOutput(kafka.bootstrapServers(), SourceTopic.defaultTopics(), new Properties(), 0)) {
            generator.generate(from, from.plusYears(years).minusDays(1), out);
            out.flush();
        }
        return generator.stats();
    }

    /** Records in the three input topics (the sum of their end offsets). */
    static long recordsIn(String bootstrap) {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            return endOffsets(admin).values().stream().mapToLong(Long::longValue).sum();
        } catch (Exception e) {
            throw new IllegalStateException("cannot count the records in Kafka at " + bootstrap, e);
        }
    }

    /**
     * Records of the three topics a consumer group has not committed yet (the Flink Kafka source commits at each
     * checkpoint): the sum over their partitions of end offset minus committed offset.
     */
    static long consumerLag(String bootstrap, String group) {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            var committed = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata()
                    .get(60, TimeUnit.SECONDS);
            long lag = 0;
            for (var end : endOffsets(admin).entrySet()) {
                var at = committed.get(end.getKey());
                lag += end.getValue() - (at == null ? 0 : at.offset());
            }
            return lag;
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the offsets of group " + group + " at " + bootstrap, e);
        }
    }

    /** The end offset of every partition of the three input topics. */
    private static Map<TopicPartition, Long> endOffsets(Admin admin) throws Exception {
        List<String> topics = SourceTopic.defaultTopics().values().stream().toList();
        Map<TopicPartition, OffsetSpec> ends = new HashMap<>();
        for (TopicDescription d : admin.describeTopics(topics).allTopicNames().get(60, TimeUnit.SECONDS).values()) {
            d.partitions().forEach(p -> ends.put(new TopicPartition(d.name(), p.partition()), OffsetSpec.latest()));
        }
        Map<TopicPartition, Long> offsets = new HashMap<>();
        admin.listOffsets(ends).all().get(60, TimeUnit.SECONDS).forEach((tp, o) -> offsets.put(tp, o.offset()));
        return offsets;
    }

    /** Records the job has decided the outcome of, all sources together ({@code ingest_audit.received}). */
    static long accountedFor(String jdbcUrl) throws SQLException {
        try (Connection c = DriverManager.getConnection(jdbcUrl, "postgres", ""); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT coalesce(sum(received), 0) FROM ingest_audit")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Drops and creates a database; for the SQL contender with its result table. */
    static void freshDatabase(String adminUrl, String name, boolean sqlTable) throws SQLException {
        try (Connection c = DriverManager.getConnection(adminUrl, "postgres", ""); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            s.execute("CREATE DATABASE " + name);
        }
        if (sqlTable) {
            try (Connection c = DriverManager.getConnection(adminUrl.replaceAll("/[^/]*$", "/" + name), "postgres", "");
                    Statement s = c.createStatement()) {
                s.execute("CREATE TABLE " + FlinkSqlContender.TABLE + " (district_code TEXT, year INT, month INT, "
                        + "output_value NUMERIC(20, 2) NOT NULL, events BIGINT NOT NULL, "
                        + "PRIMARY KEY (district_code, year, month))");
            }
        }
    }

    /** The job's monthly output value per district (district|year|month → yuan). */
    static Map<String, BigDecimal> jobTotals(String jdbcUrl) throws SQLException {
        return read(jdbcUrl, "SELECT region_code, year, month, month_value FROM district_progress "
                + "WHERE region_level = 'DISTRICT' AND indicator = 'OUTPUT_VALUE'");
    }

    /** The SQL job's monthly output value per district. */
    static Map<String, BigDecimal> sqlTotals(String jdbcUrl) throws SQLException {
        return read(jdbcUrl, "SELECT district_code, year, month, output_value FROM " + FlinkSqlContender.TABLE);
    }

    /**
     * Where the two disagree: a month the SQL job has must carry the same value in the job's table; a month only
     * the job has (it writes every month of the plan's period) must be zero. Empty when they agree.
     */
    static List<String> differences(Map<String, BigDecimal> job, Map<String, BigDecimal> sql) {
        TreeSet<String> keys = new TreeSet<>(job.keySet());
        keys.addAll(sql.keySet());
        return keys.stream().filter(k -> {
            BigDecimal a = job.getOrDefault(k, BigDecimal.ZERO);
            BigDecimal b = sql.getOrDefault(k, BigDecimal.ZERO);
            return a.compareTo(b) != 0;
        }).map(k -> k + ": job " + job.get(k) + ", sql " + sql.get(k)).toList();
    }

    private static Map<String, BigDecimal> read(String jdbcUrl, String query) throws SQLException {
        Map<String, BigDecimal> totals = new TreeMap<>();
        try (Connection c = DriverManager.getConnection(jdbcUrl, "postgres", ""); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(query)) {
            while (rs.next()) {
                totals.put(rs.getString(1) + "|" + rs.getInt(2) + "|" + rs.getInt(3), rs.getBigDecimal(4));
            }
        }
        return totals;
    }
}
