package io.beizeng.bench;

import io.beizeng.config.Plan;
import io.beizeng.config.PlanLoader;
import io.beizeng.demo.LocalKafka;
import io.beizeng.demo.LocalPostgres;
import io.beizeng.generator.EventGenerator;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The side-by-side benchmark. Starts a real Kafka broker and a real PostgreSQL, preloads the workload once, then runs
 * the contenders in turns (A B C A B C …), each in a fresh JVM with the same heap and parallelism, checks after each
 * round that the job and the SQL job agree, and reports medians and ranges.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Runs limit, job, sql and sql-tuned in turns on one preloaded workload and reports the figures.")
public final class Benchmark implements Callable<Integer> {
    @Mixin
    BenchOptions options;

    static final List<String> CONTENDERS = List.of("limit", "job", "sql", "sql-tuned");
    private static final List<String> OPENS = List.of("java.util", "java.lang", "java.lang.reflect", "java.io",
            "java.net", "java.nio", "sun.nio.ch", "java.text", "java.time", "java.util.concurrent",
            "java.util.concurrent.atomic", "java.util.concurrent.locks");

    @Option(names = "--enterprises", defaultValue = "2000", description = "Enterprises in the world (${DEFAULT-VALUE}).")
    int enterprises;

    @Option(names = "--granularity", defaultValue = "DAILY",
            description = "Reports per enterprise: ${COMPLETION-CANDIDATES} (${DEFAULT-VALUE}).")
    EventGenerator.Granularity granularity;

    @Option(names = "--years", defaultValue = "2", description = "Years of event time (${DEFAULT-VALUE}).")
    int years;

    @Option(names = "--rounds", defaultValue = "3", description = "Rounds of A B C (${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--contenders", defaultValue = "limit,job,sql,sql-tuned", split = ",",
            description = "Which to run (${DEFAULT-VALUE}).")
    List<String> contenders;

    @Option(names = "--heap", defaultValue = "2g", description = "-Xmx of every contender's JVM (${DEFAULT-VALUE}).")
    String heap;

    @Option(names = "--seed", defaultValue = "7", description = "Generator seed (${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--jfr", description = "Record each contender's first round with Java Flight Recorder into this "
            + "directory, with a text summary beside each recording.")
    Path jfr;

    @Option(names = "--require-agreement", description = "Fail at once if a contender's totals disagree with the job's.")
    boolean requireAgreement;

    @Option(names = "--baseline", paramLabel = "JAR", description = "Also run, in turns, the job from this jar of "
            + "another build (contender 'baseline'), to compare two versions side by side; its totals must agree with "
            + "the job's. With the limit contender, also the limit with that build's parser ('baseline-limit').")
    Path baseline;

    /** The contenders in the order of a round: those asked for, each baseline right after its own. */
    private List<String> order;

    /** Whether the others agreed with the job, per round and contender. */
    final List<String> agreement = new ArrayList<>();

    /** The figures of the last call, per contender in run order. */
    final Map<String, List<Measured>> measured = new LinkedHashMap<>();

    public static void main(String[] args) {
        System.exit(execute("bench", new Benchmark(), args));
    }

    /** Runs a benchmark command: bad arguments exit with 2, a failure with one line on stderr and 1. */
    static int execute(String name, Callable<Integer> command, String... args) {
        CommandLine cli = new CommandLine(command);
        cli.setExecutionExceptionHandler((ex, c, p) -> {
            c.getErr().println(name + ": " + ex.getMessage());
            return 1;
        });
        return cli.execute(args);
    }

    @Override
    public Integer call() throws Exception {
        for (String c : contenders) {
            if (!CONTENDERS.contains(c)) {
                throw new CommandLine.ParameterException(new CommandLine(this), "unknown contender " + c);
            }
        }
        order = new ArrayList<>(contenders);
        String baselineClasspath = null;
        if (baseline != null) {
            if (!contenders.contains("job") && !contenders.contains("limit")) {
                throw new CommandLine.ParameterException(new CommandLine(this),
                        "--baseline needs the job or the limit contender");
            }
            if (!Files.isRegularFile(baseline)) {
                throw new CommandLine.ParameterException(new CommandLine(this), "--baseline " + baseline
                        + ": no such file");
            }
            baselineClasspath = withJobJar(System.getProperty("java.class.path"), baseline.toAbsolutePath());
            if (contenders.contains("job")) {
                order.add(order.indexOf("job") + 1, "baseline");
            }
            if (contenders.contains("limit")) {
                // the limit with the baseline's parser: a change to parsing shows here, without the job's noise
                order.add(order.indexOf("limit") + 1, "baseline-limit");
            }
        }
        Path planFile = options.planFile();
        Plan p = PlanLoader.load(planFile);
        Path dir = options.workDirectory("beizeng-bench-");
        try (LocalKafka kafka = new LocalKafka(dir.resolve("kafka")); LocalPostgres postgres =
                new LocalPostgres(dir.resolve("postgres"))) {
            kafka.start(2);
            postgres.start();
            long t0 = System.nanoTime();
            EventGenerator.Stats stats = Workload.preload(kafka, p, seed, enterprises, granularity, years);
            long records = Workload.recordsIn(kafka.bootstrapServers());
            System.out.printf("preloaded %,d records in %.0f s: %s (malformed %s, duplicates %s)%n", records,
                    (System.nanoTime() - t0) / 1e9, stats.records, stats.malformed, stats.duplicates);

            for (int round = 1; round <= rounds; round++) {
                Map<String, Map<String, BigDecimal>> totals = new LinkedHashMap<>();
                for (String c : order) {
                    String db = "bench_" + c.replace('-', '_');
                    if (!c.endsWith("limit")) {
                        Workload.freshDatabase(postgres.jdbcUrl(), db, c.startsWith("sql"));
                    }
                    Path recording = jfr != null && round == 1
                            ? Files.createDirectories(jfr).resolve(c + ".jfr").toAbsolutePath() : null;
                    Path checkpoints = dir.resolve("checkpoints").resolve(c + "-" + round).toAbsolutePath();
                    Measured m = runContender(c, c.startsWith("baseline") ? baselineClasspath : null,
                            kafka.bootstrapServers(), postgres.jdbcUrl(db), planFile, checkpoints.toUri().toString(),
                            dir, "round-" + round + "-" + c + ".log", recording);
                    measured.computeIfAbsent(c, k -> new ArrayList<>()).add(m);
                    if (recording != null) {
                        ProfileSummary.write(recording, recording.resolveSibling(c + "-profile.txt"));
                    }
                    System.out.printf(Locale.ROOT, "round %d %-14s %,12.0f events/s  %6.1f s read to commit  "
                            + "(%6.1f s wall)  %6.1f CPU s/M events  peak RSS %,d MiB%n", round, c, m.perSecond(),
                            m.readSeconds(), m.seconds(), m.cpuSecondsPerMillion(), m.peakRssMb());
                    if (c.equals("job") || c.equals("baseline")) {
                        totals.put(c, Workload.jobTotals(postgres.jdbcUrl(db)));
                    } else if (c.startsWith("sql")) {
                        totals.put(c, Workload.sqlTotals(postgres.jdbcUrl(db)));
                    }
                }
                Map<String, BigDecimal> job = totals.get("job");
                for (var other : totals.entrySet()) {
                    if (job == null || other.getKey().equals("job")) {
                        continue;
                    }
                    String name = other.getKey();
                    List<String> diff = Workload.differences(job, other.getValue());
                    String verdict = diff.isEmpty() && !other.getValue().isEmpty()
                            ? "job and " + name + " agree on all " + other.getValue().size() + " district-months"
                            : "job and " + name + " DISAGREE on " + diff.size() + " of " + job.size()
                                    + " district-months (totals: job " + sum(job) + ", " + name + " "
                                    + sum(other.getValue()) + "), e.g. " + diff.stream().limit(2).toList();
                    agreement.add("round " + round + ": " + verdict);
                    System.out.println("round " + round + ": " + verdict);
                    if (requireAgreement && !diff.isEmpty()) {
                        throw new IllegalStateException(verdict);
                    }
                }
            }
            options.publish(report(records));
        } finally {
            options.removeData(dir);
        }
        return 0;
    }

    /** @param classpath the child's classpath, or null for this JVM's */
    private Measured runContender(String contender, String classpath, String bootstrap, String jdbcUrl,
            Path planFile, String checkpoints, Path dir, String logName, Path recording)
            throws IOException, InterruptedException {
        Path log = dir.resolve("logs").resolve(logName);
        List<String> command = childJvm(heap, recording, dir.resolve("tmp"),
                classpath == null ? System.getProperty("java.class.path") : classpath);
        command.addAll(List.of(Contender.class.getName(), contender, bootstrap, jdbcUrl,
                planFile.toAbsolutePath().toString(), String.valueOf(options.parallelism), checkpoints));
        return Measured.parse(runToResult(contender, command, log, 2, Measured.PREFIX));
    }

    /**
     * Runs a child JVM to its end, its output in {@code log}, and returns the last line it printed that starts with
     * {@code prefix}: its result. A child that fails, outlasts {@code hours} or prints no result is an error.
     */
    static String runToResult(String name, List<String> command, Path log, long hours, String prefix)
            throws IOException, InterruptedException {
        Process p = startChild(command, log);
        if (!p.waitFor(hours, TimeUnit.HOURS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IllegalStateException(name + " failed; see " + log);
        }
        return Files.readAllLines(log).stream().filter(l -> l.startsWith(prefix)).reduce((a, b) -> b)
                .orElseThrow(() -> new IllegalStateException(name + " printed no result; see " + log));
    }

    /**
     * The command line of a child JVM on this classpath with a fixed heap, the opens Flink needs on Java 17, its
     * temporary files in {@code tmp} (Flink unpacks a 21 MB RPC jar there, left behind by a JVM that is stopped), and
     * optionally a flight recording; the main class and its arguments follow.
     */
    static List<String> childJvm(String heap, Path recording, Path tmp) {
        return childJvm(heap, recording, tmp, System.getProperty("java.class.path"));
    }

    static List<String> childJvm(String heap, Path recording, Path tmp, String classpath) {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.add("-Xmx" + heap);
        command.add("-Xms" + heap);
        command.add("-Djava.io.tmpdir=" + tmp.toAbsolutePath());
        if (recording != null) {
            // debug information at every instruction, not only at safepoints: without it a sample taken in a loop
            // with no call lands on the nearest call or safepoint poll, often in another method
            command.add("-XX:+UnlockDiagnosticVMOptions");
            command.add("-XX:+DebugNonSafepoints");
            command.add("-XX:StartFlightRecording=filename=" + recording + ",settings=profile");
        }
        for (String o : OPENS) {
            command.add("--add-opens=java.base/" + o + "=ALL-UNNAMED");
        }
        command.addAll(List.of("-cp", classpath));
        return command;
    }

    /**
     * {@code classpath} with the job's own entry (its jar, or its classes directory in an IDE) replaced by
     * {@code jar}; the libraries stay, so a baseline must not need other versions of them.
     */
    static String withJobJar(String classpath, Path jar) {
        List<String> entries = new ArrayList<>(List.of(classpath.split(java.io.File.pathSeparator)));
        int replaced = 0;
        for (int i = 0; i < entries.size(); i++) {
            Path entry = Path.of(entries.get(i));
            String name = entry.getFileName() == null ? "" : entry.getFileName().toString();
            boolean jobJar = name.startsWith("beizeng-job-") && name.endsWith(".jar");
            boolean jobClasses = entry.endsWith(Path.of("job", "target", "classes"));
            if (jobJar || jobClasses) {
                entries.set(i, jar.toString());
                replaced++;
            }
        }
        if (replaced != 1) {
            throw new IllegalStateException("expected the job's jar once on the classpath, found it " + replaced
                    + " times: " + classpath);
        }
        return String.join(java.io.File.pathSeparator, entries);
    }

    /** Starts a child JVM with its output in {@code log}. */
    static Process startChild(List<String> command, Path log) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        // the embedded PostgreSQL trusts loopback; the job still insists on being given a password
        pb.environment().put("BEIZENG_JDBC_PASSWORD", "unused");
        return pb.start();
    }

    /** Stops a child JVM: SIGTERM, and after 30 s SIGKILL. */
    static void stopChild(Process child) throws InterruptedException {
        child.destroy();
        if (!child.waitFor(30, TimeUnit.SECONDS)) {
            child.destroyForcibly();
        }
    }

    private String report(long records) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "%n## %s — %,d enterprises, %s, %d years: %,d records%n%n", LocalDate.now(),
                enterprises, granularity, years, records));
        b.append(String.format(Locale.ROOT, "Machine: %s. Parallelism %d, heap %s per contender, %d round(s) in turns "
                + "(%s).%n%n", BenchOptions.machine(), options.parallelism, heap, rounds, String.join(" ", order)));
        b.append("Command: `bench/run --enterprises ").append(enterprises).append(" --granularity ").append(granularity)
                .append(" --years ").append(years).append(" --rounds ").append(rounds).append(" --seed ").append(seed)
                .append(contenders.equals(CONTENDERS) ? "" : " --contenders " + String.join(",", contenders))
                .append(heap.equals("2g") ? "" : " --heap " + heap).append(jfr == null ? "" : " --jfr " + jfr)
                .append(baseline == null ? "" : " --baseline " + baseline).append(options.commonArguments())
                .append("`\n\n");
        b.append("Events per second are over the time from the first record read to the last result committed; "
                + "the wall-time column adds each contender's start-up (its JVM excluded), as the runs before "
                + "2026-12-02 reported. CPU µs per event is the process's CPU from its first record read on, per "
                + "record (beside it: with start-up). The limit reads with as many consumer threads as the "
                + "parallelism. Ratios are the medians of the per-round ratios of events/s, each round's contenders "
                + "run back to back (the ratio of the medians beside it).\n\n");
        b.append("| contender | events/s median (min–max) | events/s in wall time, median | CPU µs per event, "
                + "median (with start-up) | peak RSS MiB, median |\n");
        b.append("|---|---|---|---|---|\n");
        for (var e : measured.entrySet()) {
            double[] rate = sorted(e.getValue(), Measured::perSecond);
            double[] rss = sorted(e.getValue(), m -> m.peakRssMb());
            b.append(String.format(Locale.ROOT, "| %s | %,.0f (%,.0f–%,.0f) | %,.0f | %.2f (%.2f) | %,.0f |%n",
                    e.getKey(), median(rate), rate[0], rate[rate.length - 1],
                    median(sorted(e.getValue(), Measured::wallPerSecond)),
                    median(sorted(e.getValue(), Measured::cpuMicrosPerEvent)),
                    median(sorted(e.getValue(), Measured::cpuMicrosPerEventWithStartup)), median(rss)));
        }
        if (measured.containsKey("job")) {
            for (String other : List.of("limit", "sql", "sql-tuned", "baseline")) {
                if (measured.containsKey(other)) {
                    b.append(pairedLine("job", other));
                }
            }
            b.append("\n");
        }
        if (measured.containsKey("limit") && measured.containsKey("baseline-limit")) {
            b.append(pairedLine("limit", "baseline-limit")).append("\n");
        }
        if (!agreement.isEmpty()) {
            b.append("\n");
            agreement.forEach(a -> b.append("- ").append(a).append('\n'));
        }
        return b.toString();
    }

    /** "a/b = median of the per-round ratios (rounds: r1, r2, …; ratio of medians R; in wall time W)". */
    private String pairedLine(String a, String b) {
        double[] perRound = pairedRatios(measured.get(a), measured.get(b), Measured::perSecond);
        double[] sortedRatios = perRound.clone();
        java.util.Arrays.sort(sortedRatios);
        StringBuilder rounds = new StringBuilder();
        for (double r : perRound) {
            rounds.append(rounds.length() == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.2f", r));
        }
        double[] wall = pairedRatios(measured.get(a), measured.get(b), Measured::wallPerSecond);
        java.util.Arrays.sort(wall);
        return String.format(Locale.ROOT, "%n%s/%s = %.2f (per round %s; ratio of medians %.2f; in wall time %.2f)",
                a, b, median(sortedRatios), rounds, ratio(a, b, Measured::perSecond), median(wall));
    }

    /** Round by round, a's figure over b's (both lists in round order, one entry per round). */
    static double[] pairedRatios(List<Measured> a, List<Measured> b,
            java.util.function.ToDoubleFunction<Measured> figure) {
        if (a.size() != b.size()) {
            throw new IllegalArgumentException("unpaired rounds: " + a.size() + " and " + b.size());
        }
        double[] r = new double[a.size()];
        for (int i = 0; i < r.length; i++) {
            r[i] = figure.applyAsDouble(a.get(i)) / figure.applyAsDouble(b.get(i));
        }
        return r;
    }

    /** The ratio of two contenders' medians of a figure. */
    private double ratio(String a, String b, java.util.function.ToDoubleFunction<Measured> figure) {
        return median(sorted(measured.get(a), figure)) / median(sorted(measured.get(b), figure));
    }

    private static double[] sorted(List<Measured> runs, java.util.function.ToDoubleFunction<Measured> figure) {
        return runs.stream().mapToDouble(figure).sorted().toArray();
    }

    private static BigDecimal sum(Map<String, BigDecimal> totals) {
        return totals.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    static double median(double[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
