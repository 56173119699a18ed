package io.beizeng.bench;

import io.beizeng.config.DurationConverter;
import io.beizeng.config.Plan;
import io.beizeng.config.PlanLoader;
import io.beizeng.demo.LocalKafka;
import io.beizeng.demo.LocalPostgres;
import io.beizeng.generator.EventGenerator;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.flink.runtime.checkpoint.Checkpoints;
import org.apache.flink.runtime.checkpoint.OperatorState;
import org.apache.flink.runtime.checkpoint.metadata.CheckpointMetadata;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * State size per enterprise, and throughput, as the number of enterprises grows. For each N: a fresh broker preloaded
 * with the generator's world of N enterprises (the same reports per enterprise at every N), the job running live
 * with heap state until it has accounted for every record, then the first checkpoint completed after that, read back
 * from its metadata operator by operator. The job runs with {@code --update-interval 1s} (so that its progress can be
 * followed in {@code ingest_audit}) and {@code --idle-timeout 5s} (so that the last month's reports need not wait a
 * minute for the registry stream, which ends earlier in event time, to count as idle).
 */
@Command(name = "state-size", mixinStandardHelpOptions = true,
        description = "Measures checkpointed state per enterprise and throughput at growing numbers of enterprises.")
public final class StateSizeBenchmark implements Callable<Integer> {
    @Mixin
    BenchOptions options;


    @Option(names = "--enterprises", defaultValue = "10000,100000,1000000", split = ",",
            description = "The numbers of enterprises, each a run of its own (${DEFAULT-VALUE}).")
    List<Integer> enterprises;

    @Option(names = "--granularity", defaultValue = "MONTHLY",
            description = "Reports per enterprise: ${COMPLETION-CANDIDATES} (${DEFAULT-VALUE}).")
    EventGenerator.Granularity granularity;

    @Option(names = "--years", defaultValue = "2", description = "Years of event time (${DEFAULT-VALUE}).")
    int years;

    @Option(names = "--heap", defaultValue = "8g", description = "-Xmx of the job's JVM (${DEFAULT-VALUE}).")
    String heap;

    @Option(names = "--checkpoint-interval", defaultValue = "30s", converter = DurationConverter.class,
            description = "The job's --checkpoint-interval (${DEFAULT-VALUE}).")
    Duration checkpointInterval;

    @Option(names = "--seed", defaultValue = "7", description = "Generator seed (${DEFAULT-VALUE}).")
    long seed;

    /** One N's figures. */
    record Row(int enterprises, long records, double steadyPerSecond, double wallSeconds, long checkpointBytes,
            Map<String, Long> bytesByOperator, long peakRssMb) {

        double bytesPerEnterprise() {
            return checkpointBytes / (double) enterprises;
        }
    }

    final List<Row> rows = new ArrayList<>();

    public static void main(String[] args) {
        System.exit(Benchmark.execute("bench state-size", new StateSizeBenchmark(), args));
    }

    @Override
    public Integer call() throws Exception {
        Path planFile = options.planFile();
        Plan p = PlanLoader.load(planFile);
        Path dir = options.workDirectory("beizeng-state-");
        try (LocalPostgres postgres = new LocalPostgres(dir.resolve("postgres"))) {
            postgres.start();
            for (int n : enterprises) {
                Row row = measure(n, p, planFile, postgres, dir);
                rows.add(row);
                System.out.printf(Locale.ROOT, "%,d enterprises: %,d records, %,.0f events/s steady, checkpoint "
                        + "%,.1f MiB = %,.0f bytes per enterprise, peak RSS %,d MiB; by operator %s%n", n, row.records(),
                        row.steadyPerSecond(), row.checkpointBytes() / 1048576.0, row.bytesPerEnterprise(),
                        row.peakRssMb(), row.bytesByOperator());
            }
        } finally {
            options.removeData(dir);
        }
        options.publish(report());
        return 0;
    }

    private Row measure(int n, Plan p, Path planFile, LocalPostgres postgres, Path dir) throws Exception {
        String database = "bench_state_" + n;
        Workload.freshDatabase(postgres.jdbcUrl(), database, false);
        String jdbcUrl = postgres.jdbcUrl(database);
        Path kafkaDir = dir.resolve("kafka-" + n);
        Path checkpoints = dir.resolve("checkpoints-" + n).toAbsolutePath();
        try (LocalKafka kafka = new LocalKafka(kafkaDir)) {
            kafka.start(2);
            long t0 = System.nanoTime();
            Workload.preload(kafka, p, seed, n, granularity, years);
            long records = Workload.recordsIn(kafka.bootstrapServers());
            System.out.printf(Locale.ROOT, "%,d enterprises: preloaded %,d records in %.0f s%n", n, records,
                    (System.nanoTime() - t0) / 1e9);

            List<String> command = Benchmark.childJvm(heap, null, dir.resolve("tmp"));
            command.addAll(List.of(io.beizeng.BeizengJob.class.getName(), "run", "--bootstrap-servers",
                    kafka.bootstrapServers(), "--group-id", "bench-state-" + n, "--plan",
                    planFile.toAbsolutePath().toString(), "--jdbc-url", jdbcUrl, "--jdbc-user", "postgres",
                    "--parallelism", String.valueOf(options.parallelism), "--update-interval", "1s", "--idle-timeout", "5s",
                    "--checkpoint-interval", checkpointInterval.toMillis() + "ms",
                    "--checkpoint-dir", checkpoints.toUri().toString()));
            Process job = Benchmark.startChild(command, dir.resolve("logs").resolve("state-size-" + n + ".log"));
            try {
                long start = System.nanoTime();
                // (seconds since start, records accounted for) until every record is, or, once every record is read
                // and checkpointed, until the count has held still for 15 s: in a live run the last records of a fine
                // granularity (HOURLY: the last day's, within --max-out-of-orderness of the end) wait for a
                // watermark that never comes
                List<double[]> progress = new ArrayList<>();
                long done = 0;
                long stillSince = System.nanoTime();
                while (done < records && !(System.nanoTime() - stillSince > TimeUnit.SECONDS.toNanos(15)
                        && Workload.consumerLag(kafka.bootstrapServers(), "bench-state-" + n) == 0)) {
                    if (!job.isAlive()) {
                        throw new IllegalStateException("the job exited; see " + dir.resolve("logs"));
                    }
                    if (System.nanoTime() - start > TimeUnit.HOURS.toNanos(2)) {
                        throw new IllegalStateException("the job did not account for every record in 2 hours");
                    }
                    Thread.sleep(500);
                    try {
                        long now = Workload.accountedFor(jdbcUrl);
                        if (now != done) {
                            stillSince = System.nanoTime();
                        }
                        done = now;
                    } catch (java.sql.SQLException e) {
                        // the job has not migrated the database yet
                    }
                    progress.add(new double[] {(System.nanoTime() - start) / 1e9, done});
                }
                if (done < records) {
                    System.out.printf(Locale.ROOT, "%,d enterprises: %,d of %,d records wait for a watermark a live "
                            + "run never gets (the last --max-out-of-orderness of event time)%n", n, records - done,
                            records);
                }
                double wall = (System.nanoTime() - start) / 1e9;
                long finishedAt = System.currentTimeMillis();
                Path metadata = awaitCheckpointAfter(checkpoints, finishedAt, job);
                Map<String, Long> byOperator = new TreeMap<>();
                long total = 0;
                try (InputStream in = Files.newInputStream(metadata)) {
                    CheckpointMetadata m = Checkpoints.loadCheckpointMetadata(new DataInputStream(in),
                            getClass().getClassLoader(), metadata.getParent().toString());
                    for (OperatorState s : m.getOperatorStates()) {
                        long size = s.getStateSize();
                        total += size;
                        if (size > 0) {
                            byOperator.merge(s.getOperatorUid().or(s::getOperatorName)
                                    .orElse(s.getOperatorID().toString()), size, Long::sum);
                        }
                    }
                }
                return new Row(n, records, steadyRate(progress, records), wall, total, byOperator,
                        Measured.peakRssMb(String.valueOf(job.pid())));
            } finally {
                Benchmark.stopChild(job);
            }
        } finally {
            BenchOptions.deleteTree(kafkaDir);
            BenchOptions.deleteTree(checkpoints);
        }
    }

    /** Events per second between 10 % and 90 % of the records: without start-up and the tail. */
    static double steadyRate(List<double[]> progress, long records) {
        double[] from = progress.stream().filter(s -> s[1] >= 0.1 * records).findFirst().orElseThrow();
        double[] to = progress.stream().filter(s -> s[1] >= 0.9 * records).findFirst().orElseThrow();
        return to[0] > from[0] ? (to[1] - from[1]) / (to[0] - from[0]) : Double.NaN;
    }

    /** Waits for a checkpoint completed after {@code afterMs} and returns its metadata file. */
    private static Path awaitCheckpointAfter(Path checkpoints, long afterMs, Process job) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
        while (System.nanoTime() < deadline) {
            if (!job.isAlive()) {
                throw new IllegalStateException("the job exited before a checkpoint completed");
            }
            if (Files.isDirectory(checkpoints)) {
                try (Stream<Path> files = Files.walk(checkpoints, 3)) {
                    var latest = files.filter(f -> f.getFileName().toString().equals("_metadata"))
                            .filter(f -> f.toFile().lastModified() > afterMs)
                            .max(Comparator.comparingLong(f -> f.toFile().lastModified()));
                    if (latest.isPresent()) {
                        Thread.sleep(200); // the file is renamed into place complete; be safe all the same
                        return latest.get();
                    }
                } catch (java.io.UncheckedIOException e) {
                    // a checkpoint directory was removed while walking
                }
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("no checkpoint completed within 10 minutes");
    }

    private String report() {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "%n## %s — state size and throughput by number of enterprises (%s, %d "
                + "years)%n%n", LocalDate.now(), granularity, years));
        b.append(String.format(Locale.ROOT, "Machine: %s. Parallelism %d, heap %s, heap state, checkpoints every %d s."
                + "%n%n", BenchOptions.machine(), options.parallelism, heap, checkpointInterval.toSeconds()));
        b.append("Command: `bench/state-size --enterprises ")
                .append(String.join(",", enterprises.stream().map(String::valueOf).toList()))
                .append(" --granularity ").append(granularity).append(" --years ").append(years)
                .append(" --heap ").append(heap).append(options.commonArguments()).append("`\n\n");
        b.append("| enterprises | records | events/s (10–90 %) | wall s | checkpoint MiB | bytes per enterprise | "
                + "attribution bytes per enterprise | peak RSS MiB |\n");
        b.append("|---|---|---|---|---|---|---|---|\n");
        for (Row r : rows) {
            b.append(String.format(Locale.ROOT, "| %,d | %,d | %,.0f | %.0f | %,.1f | %,.0f | %,.0f | %,d |%n",
                    r.enterprises(), r.records(), r.steadyPerSecond(), r.wallSeconds(), r.checkpointBytes() / 1048576.0,
                    r.bytesPerEnterprise(), r.bytesByOperator().getOrDefault("attribution", 0L)
                            / (double) r.enterprises(), r.peakRssMb()));
        }
        b.append("\nCheckpointed bytes by operator (those with at least 1 % of the checkpoint):\n\n");
        for (Row r : rows) {
            b.append(String.format(Locale.ROOT, "- %,d enterprises: ", r.enterprises()));
            List<String> large = new ArrayList<>();
            long rest = 0;
            for (var e : r.bytesByOperator().entrySet()) {
                if (e.getValue() * 100 >= r.checkpointBytes()) {
                    large.add(String.format(Locale.ROOT, "%s %,d", e.getKey(), e.getValue()));
                } else {
                    rest += e.getValue();
                }
            }
            b.append(String.join(", ", large)).append(String.format(Locale.ROOT, "; the others %,d%n", rest));
        }
        Row last = rows.get(rows.size() - 1);
        for (Row r : rows.subList(0, rows.size() - 1)) {
            b.append(String.format(Locale.ROOT, "%nThroughput at %,d enterprises is %.2f × that at %,d.", last.enterprises(),
                    last.steadyPerSecond() / r.steadyPerSecond(), r.enterprises()));
        }
        b.append('\n');
        return b.toString();
    }
}
