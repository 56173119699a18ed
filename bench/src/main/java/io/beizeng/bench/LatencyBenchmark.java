package io.beizeng.bench;

import io.beizeng.config.DurationConverter;
import io.beizeng.config.Plan;
import io.beizeng.config.PlanLoader;
import io.beizeng.demo.LocalKafka;
import io.beizeng.demo.LocalPostgres;
import io.beizeng.model.Chain;
import io.beizeng.model.SourceTopic;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Event-to-row latency at a fixed rate: the job runs live (not bounded) in a JVM of its own; a producer sends
 * production events at {@code --rate}, each worth exactly 1.00 yuan of output value, with the wall clock as event
 * time (shifted into a month of the plan); a poller reads the districts' {@code month_value} from
 * {@code district_progress} every {@code --poll-interval}. The k-th event of a district counts as visible at the
 * first poll whose row for that district shows at least k yuan, so its latency is the end of that poll minus the
 * moment it was sent. Events sent during the warm-up are not counted. Every event sent until the end of the recording
 * must become visible; the producer goes on sending meanwhile, since in event time the last events wait for later
 * ones to move the watermark past them.
 */
@Command(name = "latency", mixinStandardHelpOptions = true,
        description = "Measures event-to-row latency of the live job at a fixed rate.")
public final class LatencyBenchmark implements Callable<Integer> {
    @Mixin
    BenchOptions options;

    private static final String DATABASE = "bench_latency";

    @Option(names = "--enterprises", defaultValue = "2000", description = "Enterprises in the registry (${DEFAULT-VALUE}).")
    int enterprises;

    @Option(names = "--rate", defaultValue = "20000",
            description = "Production events per second (${DEFAULT-VALUE}: half the live job's maximum on a 2-core "
                    + "machine, RESULTS.md, eleventh run).")
    int rate;

    @Option(names = "--duration", defaultValue = "5m", converter = DurationConverter.class,
            description = "How long latencies are recorded (${DEFAULT-VALUE}).")
    Duration duration;

    // shorter warm-ups recorded the JIT compiler still at work under load: the tail of 2-minute runs after 60 s of
    // warm-up was their first 5-15 s (bench/RESULTS.md, ninth run)
    @Option(names = "--warm-up", defaultValue = "3m", converter = DurationConverter.class,
            description = "Sending before recording starts (${DEFAULT-VALUE}).")
    Duration warmUp;

    @Option(names = "--update-interval", defaultValue = "50ms", converter = DurationConverter.class,
            description = "The job's --update-interval (${DEFAULT-VALUE}).")
    Duration updateInterval;

    @Option(names = "--max-out-of-orderness", defaultValue = "0ms", converter = DurationConverter.class,
            description = "The job's --max-out-of-orderness (${DEFAULT-VALUE}: the producer sends in order).")
    Duration maxOutOfOrderness;

    @Option(names = "--dedupe-horizon", defaultValue = "1m", converter = DurationConverter.class,
            description = "The job's --dedupe-horizon (${DEFAULT-VALUE}: a live meter stream remembers ids for "
                    + "minutes, not the default 7 days).")
    Duration dedupeHorizon;

    @Option(names = "--checkpoint-interval", defaultValue = "30s", converter = DurationConverter.class,
            description = "The job's --checkpoint-interval (${DEFAULT-VALUE}, the job's default).")
    Duration checkpointInterval;

    @Option(names = "--poll-interval", defaultValue = "10ms", converter = DurationConverter.class,
            description = "How often district_progress is read (${DEFAULT-VALUE}).")
    Duration pollInterval;

    @Option(names = "--heap", defaultValue = "2g", description = "-Xmx of the job's JVM (${DEFAULT-VALUE}).")
    String heap;

    @Option(names = "--seed", defaultValue = "7", description = "Seed of the producer's choice of enterprise (${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--jfr", description = "Record the job with Java Flight Recorder into this directory, with a "
            + "text summary beside the recording.")
    Path jfr;

    /** The figures of the last call. */
    Histogram latencies;
    /** Events sent before the end of the recording, those of them visible at the end, and all events sent. */
    long toSee;
    /** Events sent within the recording (after the warm-up): each must have a latency in {@link #latencies}. */
    long sentInRecording;
    long visible;
    volatile long sent;
    private volatile boolean stopSending;

    public static void main(String[] args) {
        System.exit(Benchmark.execute("bench latency", new LatencyBenchmark(), args));
    }

    @Override
    public Integer call() throws Exception {
        Path planFile = options.planFile();
        Plan p = PlanLoader.load(planFile);
        Path dir = options.workDirectory("beizeng-latency-");
        // event time runs with the wall clock, shifted to the 10th of June of the year after the baseline, so that a
        // run of any length up to weeks stays within one month of the plan
        ZonedDateTime eventTimeBase = LocalDate.of(p.baselineYear() + 1, 6, 10).atStartOfDay(p.timezone());
        List<String> districts = p.districts().stream().map(r -> r.code()).toList();
        try (LocalKafka kafka = new LocalKafka(dir.resolve("kafka")); LocalPostgres postgres =
                new LocalPostgres(dir.resolve("postgres"))) {
            kafka.start(2);
            postgres.start();
            Workload.freshDatabase(postgres.jdbcUrl(), DATABASE, false);
            String jdbcUrl = postgres.jdbcUrl(DATABASE);
            try (KafkaProducer<String, String> producer = producer(kafka.bootstrapServers())) {
                registerEnterprises(producer, districts, eventTimeBase.minusDays(1).toInstant().toEpochMilli(),
                        p.timezone().getId());
            }
            Process job = startJob(kafka.bootstrapServers(), jdbcUrl, planFile, dir);
            try {
                awaitRegistry(jdbcUrl, job, dir);
                measure(kafka.bootstrapServers(), jdbcUrl, p.planId(), districts, eventTimeBase);
            } finally {
                Benchmark.stopChild(job);
                if (jfr != null) {
                    Path recording = jfr.resolve("latency-job.jfr").toAbsolutePath();
                    ProfileSummary.write(recording, recording.resolveSibling("latency-job-profile.txt"));
                }
            }
        } finally {
            options.removeData(dir);
        }
        options.publish(report());
        if (visible != toSee) {
            throw new IllegalStateException((toSee - visible) + " of " + toSee + " events never became visible");
        }
        return 0;
    }

    private static KafkaProducer<String, String> producer(String bootstrap) {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ProducerConfig.ACKS_CONFIG, "1");
        config.put(ProducerConfig.LINGER_MS_CONFIG, 1);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "beizeng-latency");
        return new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
    }

    private static String enterpriseId(int i) {
        return String.format(Locale.ROOT, "LAT-%07d", i);
    }

    private void registerEnterprises(KafkaProducer<String, String> producer, List<String> districts, long ts,
            String zone) {
        String topic = SourceTopic.ENTERPRISE.defaultTopic();
        Chain[] chains = Chain.values();
        String at = iso(ts, zone);
        for (int i = 0; i < enterprises; i++) {
            String id = enterpriseId(i);
            producer.send(new ProducerRecord<>(topic, id, "{\"eventId\":\"reg-" + i + "\",\"enterpriseId\":\"" + id
                    + "\",\"ts\":\"" + at + "\",\"type\":\"REGISTERED\",\"name\":\"企业" + i + "\",\"districtCode\":\""
                    + districts.get(i % districts.size()) + "\",\"chain\":\"" + chains[i % chains.length] + "\"}"));
        }
        producer.flush();
    }

    private Process startJob(String bootstrap, String jdbcUrl, Path planFile, Path dir) throws Exception {
        Path recording = jfr == null ? null : Files.createDirectories(jfr).resolve("latency-job.jfr").toAbsolutePath();
        List<String> command = Benchmark.childJvm(heap, recording, dir.resolve("tmp"));
        command.addAll(List.of(io.beizeng.BeizengJob.class.getName(), "run", "--bootstrap-servers", bootstrap,
                "--group-id", "bench-latency", "--plan", planFile.toAbsolutePath().toString(),
                "--jdbc-url", jdbcUrl, "--jdbc-user", "postgres", "--parallelism", String.valueOf(options.parallelism),
                "--update-interval", updateInterval.toMillis() + "ms",
                "--max-out-of-orderness", maxOutOfOrderness.toMillis() + "ms",
                "--dedupe-horizon", dedupeHorizon.toSeconds() + "s", "--idle-timeout", "1s",
                "--checkpoint-interval", checkpointInterval.toMillis() + "ms",
                "--checkpoint-dir", dir.resolve("checkpoints").toAbsolutePath().toUri().toString()));
        return Benchmark.startChild(command, dir.resolve("logs").resolve("latency-job.log"));
    }

    /** Waits until the job has read the whole registry (so it runs, and every enterprise is known). */
    private void awaitRegistry(String jdbcUrl, Process job, Path dir) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (System.nanoTime() < deadline) {
            if (!job.isAlive()) {
                throw new IllegalStateException("the job exited; see " + dir.resolve("logs"));
            }
            try {
                if (Workload.accountedFor(jdbcUrl) >= enterprises) {
                    return;
                }
            } catch (java.sql.SQLException e) {
                // the job has not migrated the database yet
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("the job did not read the registry within 3 minutes");
    }

    /**
     * Sends at the fixed rate while polling, and goes on sending after the recording until every event sent before
     * its end is visible (at most a minute).
     */
    private void measure(String bootstrap, String jdbcUrl, String planId, List<String> districts,
            ZonedDateTime eventTimeBase) throws Exception {
        long recordFrom = warmUp.toMillis();
        long recordTo = recordFrom + duration.toMillis();
        int span = (int) (recordTo + TimeUnit.MINUTES.toMillis(2));
        DistrictTrace[] traces = new DistrictTrace[districts.size()];
        for (int d = 0; d < traces.length; d++) {
            traces[d] = new DistrictTrace(span);
        }
        latencies = new Histogram(TimeUnit.MINUTES.toMillis(10), 3);
        long[] worstBySecond = new long[span / 1000 + 1];
        long start = System.currentTimeMillis();
        long startNanos = System.nanoTime();
        long base = eventTimeBase.toInstant().toEpochMilli();
        String zone = eventTimeBase.getZone().getId();
        Thread sender = new Thread(() -> {
            SplittableRandom random = new SplittableRandom(seed);
            String topic = SourceTopic.PRODUCTION.defaultTopic();
            try (KafkaProducer<String, String> producer = producer(bootstrap)) {
                long n = 0;
                long formattedAt = -1;
                String formatted = null;
                while (!stopSending) {
                    long elapsedNanos = System.nanoTime() - startNanos;
                    if (elapsedNanos >= (span - 1) * 1_000_000L) {
                        break;
                    }
                    long due = (long) (elapsedNanos / 1e9 * rate);
                    for (; n < due; n++) {
                        int i = random.nextInt(enterprises);
                        long now = System.currentTimeMillis();
                        if (now != formattedAt) {
                            formattedAt = now;
                            formatted = iso(base + (now - start), zone);
                        }
                        traces[i % districts.size()].sent((int) (now - start));
                        producer.send(new ProducerRecord<>(topic, enterpriseId(i), "{\"eventId\":\"lat-" + n
                                + "\",\"enterpriseId\":\"" + enterpriseId(i) + "\",\"ts\":\""
                                + formatted
                                + "\",\"kind\":\"OUTPUT\",\"outputValue\":1.00,\"revenue\":1.00}"));
                    }
                    sent = n;
                    LockSupport.parkNanos(200_000);
                }
                producer.flush();
                sent = n;
            }
        }, "latency-producer");
        sender.start();

        Map<String, Integer> districtIndex = new HashMap<>();
        for (int d = 0; d < districts.size(); d++) {
            districtIndex.put(districts.get(d), d);
        }
        int year = eventTimeBase.getYear();
        int month = eventTimeBase.getMonthValue();
        long drainDeadline = Long.MAX_VALUE;
        try (Connection c = DriverManager.getConnection(jdbcUrl, "postgres", "");
                PreparedStatement q = c.prepareStatement("SELECT region_code, month_value FROM district_progress "
                        + "WHERE plan_id = ? AND region_level = 'DISTRICT' AND indicator = 'OUTPUT_VALUE' "
                        + "AND year = ? AND month = ?")) {
            q.setString(1, planId);
            q.setInt(2, year);
            q.setInt(3, month);
            while (true) {
                boolean allSeen;
                try (ResultSet rs = q.executeQuery()) {
                    long at = System.currentTimeMillis() - start;
                    allSeen = at >= recordTo;
                    while (rs.next()) {
                        DistrictTrace trace = traces[districtIndex.get(rs.getString(1))];
                        long count = rs.getBigDecimal(2).longValueExact();
                        if (count < trace.visible) {
                            throw new IllegalStateException("month_value of " + rs.getString(1) + " went down from "
                                    + trace.visible + " to " + count);
                        }
                        trace.nowVisible(count, (sentAt, events) -> {
                            if (sentAt >= recordFrom && sentAt < recordTo) {
                                latencies.recordValueWithCount(Math.max(0, at - sentAt), events);
                                worstBySecond[sentAt / 1000] = Math.max(worstBySecond[sentAt / 1000], at - sentAt);
                            }
                        });
                        allSeen &= trace.allVisibleBefore(recordTo);
                    }
                }
                if (allSeen) {
                    break;
                }
                if (System.currentTimeMillis() - start >= recordTo) {
                    if (drainDeadline == Long.MAX_VALUE) {
                        drainDeadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
                    } else if (System.nanoTime() > drainDeadline || !sender.isAlive()) {
                        break;
                    }
                }
                Thread.sleep(pollInterval.toMillis());
            }
        }
        stopSending = true;
        sender.join();
        toSee = 0;
        visible = 0;
        sentInRecording = 0;
        for (DistrictTrace trace : traces) {
            long inSpan = trace.sentBefore((int) recordTo);
            toSee += inSpan;
            sentInRecording += inSpan - trace.sentBefore((int) recordFrom);
            visible += Math.min(inSpan, trace.visible);
        }
        // where the tail comes from: the seconds whose worst latency is above the 99th percentile, by wall clock
        long p99 = latencies.getValueAtPercentile(99);
        for (int sec = 0; sec < worstBySecond.length; sec++) {
            if (worstBySecond[sec] > p99) {
                System.out.printf(Locale.ROOT, "events sent at %s (+%d s): worst %d ms%n",
                        Instant.ofEpochMilli(start + sec * 1000L), sec, worstBySecond[sec]);
            }
        }
        System.out.printf(Locale.ROOT, "sent %,d events in %.0f s; of the %,d sent before the end of the recording, "
                + "%,d visible%n", sent, (System.nanoTime() - startNanos) / 1e9, toSee, visible);
    }

    /**
     * One district's events: how many were sent in each millisecond since the start, and how many of them are
     * visible, so that the k-th visible event can be traced back to the millisecond it was sent in.
     */
    private static final class DistrictTrace {
        /** Receives {@code events} newly visible events sent in millisecond {@code sentAt}. */
        interface Visible {
            void events(int sentAt, int events);
        }

        private final AtomicIntegerArray sentPerMs;
        /** Events visible so far; the first not yet visible was sent in millisecond {@code next}, after others. */
        long visible;
        private int next;
        private int visibleInNext;

        DistrictTrace(int spanMs) {
            sentPerMs = new AtomicIntegerArray(spanMs);
        }

        /** Counts an event sent in this millisecond (before it is sent, so it can never be visible uncounted). */
        void sent(int ms) {
            sentPerMs.incrementAndGet(ms);
        }

        /** The district now shows {@code count} events: hands on the newly visible ones, in the order sent. */
        void nowVisible(long count, Visible newly) {
            for (long k = count - visible; k > 0; ) {
                int waiting = sentPerMs.get(next) - visibleInNext;
                if (waiting <= 0) {
                    next++;
                    visibleInNext = 0;
                    continue;
                }
                int take = (int) Math.min(k, waiting);
                newly.events(next, take);
                visibleInNext += take;
                k -= take;
            }
            visible = count;
        }

        /** Whether every event sent before this millisecond is visible. */
        boolean allVisibleBefore(long ms) {
            return next >= ms;
        }

        long sentBefore(int ms) {
            long n = 0;
            for (int i = 0; i < ms; i++) {
                n += sentPerMs.get(i);
            }
            return n;
        }
    }

    private static String iso(long ts, String zone) {
        return OffsetDateTime.ofInstant(Instant.ofEpochMilli(ts), java.time.ZoneId.of(zone))
                .format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    }

    private String report() {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "%n## %s — latency at %,d events/s, %,d enterprises%n%n", LocalDate.now(),
                rate, enterprises));
        b.append(String.format(Locale.ROOT, "Machine: %s. Parallelism %d, heap %s; the producer and the poller run on "
                + "the same machine.%n%n", BenchOptions.machine(), options.parallelism, heap));
        b.append("Command: `bench/latency --enterprises ").append(enterprises).append(" --rate ").append(rate)
                .append(" --duration ").append(duration.toSeconds()).append("s --warm-up ").append(warmUp.toSeconds())
                .append("s --update-interval ").append(updateInterval.toMillis()).append("ms --max-out-of-orderness ")
                .append(maxOutOfOrderness.toMillis()).append("ms --dedupe-horizon ").append(dedupeHorizon.toSeconds())
                .append("s --checkpoint-interval ").append(checkpointInterval.toSeconds())
                .append("s --poll-interval ").append(pollInterval.toMillis()).append("ms")
                .append(options.commonArguments()).append("`\n\n");
        b.append("| events recorded | p50 ms | p90 ms | p99 ms | p99.9 ms | max ms | mean ms |\n");
        b.append("|---|---|---|---|---|---|---|\n");
        b.append(String.format(Locale.ROOT, "| %,d | %d | %d | %d | %d | %d | %.0f |%n", latencies.getTotalCount(),
                latencies.getValueAtPercentile(50), latencies.getValueAtPercentile(90),
                latencies.getValueAtPercentile(99), latencies.getValueAtPercentile(99.9), latencies.getMaxValue(),
                latencies.getMean()));
        b.append(String.format(Locale.ROOT, "%nOf the %,d events sent until the end of the recording (warm-up "
                + "included), %,d became visible in district_progress.%n", toSee, visible));
        return b.toString();
    }
}
