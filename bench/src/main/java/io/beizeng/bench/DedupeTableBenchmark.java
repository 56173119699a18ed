package io.beizeng.bench;

import io.beizeng.runtime.SeenIds;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The dedupe table alone ({@link DedupeTableLoop}), this build against another in turns, each round a fresh JVM:
 * a change to {@code SeenIds} of a few per cent is within the noise of the whole job on this machine, not here.
 */
@Command(name = "dedupe-table", mixinStandardHelpOptions = true,
        description = "Times the production dedupe's table work alone, this build and --baseline in turns.")
public final class DedupeTableBenchmark implements Callable<Integer> {
    @Option(names = "--enterprises", defaultValue = "1000", description = "Enterprises, one id per hour each "
            + "(${DEFAULT-VALUE}).")
    int enterprises;

    @Option(names = "--days", defaultValue = "120", description = "Days of event time (${DEFAULT-VALUE}).")
    int days;

    @Option(names = "--lag-hours", defaultValue = "48", description = "How far the watermark given to the tables is "
            + "behind the ids' event times (${DEFAULT-VALUE}).")
    int lagHours;

    @Option(names = "--passes", defaultValue = "6", description = "Passes per JVM; the median of all but the first "
            + "is its figure (${DEFAULT-VALUE}).")
    int passes;

    @Option(names = "--rounds", defaultValue = "5", description = "Rounds of job and baseline (${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--heap", defaultValue = "2g", description = "-Xmx of each JVM (${DEFAULT-VALUE}).")
    String heap;

    @Option(names = "--baseline", paramLabel = "JAR", description = "The job's jar of another build, timed in turns.")
    Path baseline;

    @Option(names = "--results", description = "Append the figures to this Markdown file (e.g. bench/RESULTS.md).")
    Path results;

    public static void main(String[] args) {
        System.exit(Benchmark.execute("dedupe-table", new DedupeTableBenchmark(), args));
    }

    @Override
    public Integer call() throws Exception {
        if (enterprises < 1 || days < 2 || lagHours < 0 || passes < 1 || rounds < 1) {
            throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
                    "--enterprises, --passes and --rounds must be positive, --days at least 2, --lag-hours not negative");
        }
        Map<String, String> classpaths = new LinkedHashMap<>();
        classpaths.put("job", System.getProperty("java.class.path"));
        if (baseline != null) {
            if (!Files.isRegularFile(baseline)) {
                throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
                        "--baseline " + baseline + ": no such file");
            }
            classpaths.put("baseline", Benchmark.withJobJar(classpaths.get("job"), baseline.toAbsolutePath()));
        }
        Path dir = Files.createTempDirectory("beizeng-dedupe-table-");
        Map<String, List<Double>> nanos = new LinkedHashMap<>();
        long offered = 0;
        for (int round = 1; round <= rounds; round++) {
            for (var c : classpaths.entrySet()) {
                List<String> command = Benchmark.childJvm(heap, null, dir, c.getValue());
                command.addAll(List.of(DedupeTableLoop.class.getName(), String.valueOf(enterprises),
                        String.valueOf(days), String.valueOf(lagHours), String.valueOf(passes)));
                Path log = dir.resolve("round-" + round + "-" + c.getKey() + ".log");
                String[] figures = Benchmark.runToResult(c.getKey(), command, log, 1, DedupeTableLoop.PREFIX)
                        .substring(DedupeTableLoop.PREFIX.length()).split(" ");
                double perId = Double.parseDouble(figures[0]);
                offered = Long.parseLong(figures[1]);
                nanos.computeIfAbsent(c.getKey(), k -> new ArrayList<>()).add(perId);
                System.out.printf(Locale.ROOT, "round %d %-9s %7.1f ns per id (%,d ids, %,d remembered)%n", round,
                        c.getKey(), perId, offered, Long.parseLong(figures[2]));
            }
        }
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "%n## %s — the dedupe table alone: %,d enterprises, %d days, hourly%n%n",
                LocalDate.now(), enterprises, days));
        b.append(String.format(Locale.ROOT, "Machine: %s. Heap %s, %d round(s) in turns (%s), %d passes per JVM, the "
                + "median of all but the first its figure; %,d ids per pass (one dedupe subtask of two), the "
                + "watermark %d hours behind.%n%n",
                BenchOptions.machine(), heap, rounds, String.join(" ", classpaths.keySet()), passes, offered, lagHours));
        b.append("Command: `bench/dedupe-table --enterprises ").append(enterprises).append(" --days ").append(days)
                .append(" --lag-hours ").append(lagHours).append(" --passes ").append(passes).append(" --rounds ")
                .append(rounds).append(heap.equals("2g") ? "" : " --heap " + heap)
                .append(baseline == null ? "" : " --baseline " + baseline)
                .append(results == null ? "" : " --results " + results).append("`\n\n");
        b.append("| build | ns per id, median (min–max) |\n|---|---|\n");
        Map<String, Double> medians = new LinkedHashMap<>();
        for (var e : nanos.entrySet()) {
            double[] v = e.getValue().stream().mapToDouble(Double::doubleValue).sorted().toArray();
            medians.put(e.getKey(), Benchmark.median(v));
            b.append(String.format(Locale.ROOT, "| %s | %.1f (%.1f–%.1f) |%n", e.getKey(), medians.get(e.getKey()),
                    v[0], v[v.length - 1]));
        }
        if (medians.containsKey("baseline")) {
            b.append(String.format(Locale.ROOT, "%nbaseline/job = %.2f (time per id: above 1, this build's table is "
                    + "faster)%n", medians.get("baseline") / medians.get("job")));
        }
        BenchOptions.publish(b.toString(), results);
        System.out.println("logs in " + dir);
        return 0;
    }
}
