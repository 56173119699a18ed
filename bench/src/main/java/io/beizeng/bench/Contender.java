package io.beizeng.bench;

import io.beizeng.BeizengCommand;
import io.beizeng.config.Plan;
import io.beizeng.config.PlanLoader;
import io.beizeng.ingest.EnterpriseEventParser;
import io.beizeng.ingest.EventParser;
import io.beizeng.ingest.InvestmentEventParser;
import io.beizeng.ingest.ProductionEventParser;
import io.beizeng.model.Origin;
import io.beizeng.model.SourceTopic;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * One contender's run, in a JVM of its own so that CPU time and peak memory are its alone:
 * {@code Contender limit|job|baseline|sql|sql-tuned BOOTSTRAP JDBC_URL PLAN PARALLELISM CHECKPOINT_DIR}. Prints {@link Measured#line()} last.
 */
public final class Contender {
    private Contender() {}

    public static void main(String[] args) throws Exception {
        String contender = args[0];
        String bootstrap = args[1];
        String jdbcUrl = args[2];
        Path planFile = Path.of(args[3]);
        int parallelism = Integer.parseInt(args[4]);
        String checkpoints = args[5];
        Plan plan = PlanLoader.load(planFile);
        long start = System.nanoTime();
        long records;
        switch (contender) {
            case "limit", "baseline-limit" -> records = limit(bootstrap, plan, parallelism);
            case "job", "baseline" -> {
                job(bootstrap, jdbcUrl, planFile, parallelism, checkpoints);
                records = -1;
            }
            case "sql", "sql-tuned" -> {
                FlinkSqlContender.run(bootstrap, jdbcUrl, parallelism, plan.timezone().getId(), checkpoints,
                        contender.equals("sql-tuned"));
                records = -1;
            }
            default -> throw new IllegalArgumentException("unknown contender " + contender);
        }
        // the last result is committed: the limit has parsed its last record, a Flink job has finished
        long end = System.nanoTime();
        double cpuSeconds = Measured.processCpuSeconds();
        if (records < 0) {
            records = contender.startsWith("sql") ? Workload.recordsIn(bootstrap) : accountedFor(jdbcUrl);
        }
        System.out.println(new Measured(contender, records, (end - start) / 1e9,
                (end - FirstRecordClock.firstReadNanos()) / 1e9, cpuSeconds, Measured.currentPeakRssMb(),
                FirstRecordClock.cpuSecondsAtFirstRead()).line());
        System.exit(0);
    }

    /**
     * The hardware and library limit: as many consumers as the job has parallel tasks, each on a thread of its own
     * reading its share of the three topics' partitions (round robin), parse every record with the job's own parser
     * into the event type, and nothing else.
     */
    static long limit(String bootstrap, Plan plan, int threads) throws Exception {
        List<TopicPartition> partitions = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> metadata = consumer(bootstrap)) {
            for (SourceTopic t : SourceTopic.values()) {
                for (PartitionInfo info : metadata.partitionsFor(t.defaultTopic())) {
                    partitions.add(new TopicPartition(info.topic(), info.partition()));
                }
            }
        }
        java.util.concurrent.atomic.AtomicLong records = new java.util.concurrent.atomic.AtomicLong();
        java.util.concurrent.atomic.AtomicLong accepted = new java.util.concurrent.atomic.AtomicLong();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
        List<java.util.concurrent.Future<?>> readers = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            List<TopicPartition> share = new ArrayList<>();
            for (int k = i; k < partitions.size(); k += threads) {
                share.add(partitions.get(k));
            }
            readers.add(pool.submit(() -> {
                long[] counts = read(bootstrap, plan, share);
                records.addAndGet(counts[0]);
                accepted.addAndGet(counts[1]);
                return null;
            }));
        }
        for (java.util.concurrent.Future<?> r : readers) {
            r.get();
        }
        pool.shutdown();
        System.out.println("limit: " + accepted + " of " + records + " records parsed into events by " + threads
                + " consumer threads");
        return records.get();
    }

    /** One limit thread: reads these partitions to their end offsets and parses; {records, accepted}. */
    private static long[] read(String bootstrap, Plan plan, List<TopicPartition> partitions) {
        if (partitions.isEmpty()) {
            return new long[2];
        }
        Map<SourceTopic, EventParser<?>> parsers = Map.of(SourceTopic.PRODUCTION, new ProductionEventParser(plan),
                SourceTopic.ENTERPRISE, new EnterpriseEventParser(plan), SourceTopic.INVESTMENT,
                new InvestmentEventParser(plan));
        Map<String, SourceTopic> sources = new java.util.HashMap<>();
        for (SourceTopic t : SourceTopic.values()) {
            sources.put(t.defaultTopic(), t);
        }
        long records = 0;
        long accepted = 0;
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(bootstrap)) {
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            long remaining = ends.values().stream().mapToLong(Long::longValue).sum();
            while (remaining > 0) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    SourceTopic source = sources.get(r.topic());
                    Origin origin = new Origin(source, r.partition() + ":" + r.offset(), r.value());
                    if (!parsers.get(source).parse(origin).isRejected()) {
                        accepted++;
                    }
                    records++;
                    remaining--;
                }
            }
        }
        return new long[] {records, accepted};
    }

    private static KafkaConsumer<byte[], byte[]> consumer(String bootstrap) {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        p.put("max.poll.records", "5000");
        p.put("fetch.max.bytes", String.valueOf(64 << 20));
        p.put("max.partition.fetch.bytes", String.valueOf(8 << 20));
        p.put(FirstRecordClock.PROPERTY, FirstRecordClock.class.getName());
        return new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    /** The job, as a user runs it: {@code run --bounded}, checkpoints every 30 s, results upserted into PostgreSQL. */
    static void job(String bootstrap, String jdbcUrl, Path planFile, int parallelism, String checkpoints) {
        int code = BeizengCommand.execute("run", "--bootstrap-servers", bootstrap, "--bounded",
                "--group-id", "bench-job-" + UUID.randomUUID(), "--plan", planFile.toString(),
                "--jdbc-url", jdbcUrl, "--jdbc-user", "postgres", "--parallelism", String.valueOf(parallelism),
                "--checkpoint-interval", "30s", "--checkpoint-dir", checkpoints,
                "--kafka-property", FirstRecordClock.PROPERTY + "=" + FirstRecordClock.class.getName());
        if (code != 0) {
            throw new IllegalStateException("the job exited with code " + code);
        }
    }

    /** What the job itself accounted for: every record accepted, a duplicate, or rejected with a reason. */
    private static long accountedFor(String jdbcUrl) {
        try {
            return Workload.accountedFor(jdbcUrl);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("cannot read ingest_audit", e);
        }
    }
}
