package io.beizeng.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import picocli.CommandLine.Option;

/**
 * The options every benchmark command has (a picocli mixin), and what follows from them: the plan file, the work
 * directory, where the report goes.
 */
final class BenchOptions {
    @Option(names = "--parallelism", defaultValue = "2", description = "Flink parallelism (${DEFAULT-VALUE}).")
    int parallelism;

    @Option(names = "--plan", description = "Plan file (default: schemas/plans/zaozhuang-sample.json).")
    Path plan;

    @Option(names = "--work-dir", description = "Where the servers keep their data (default: a new temporary directory).")
    Path workDir;

    @Option(names = "--results", description = "Append the figures to this Markdown file (e.g. bench/RESULTS.md).")
    Path results;

    /** The given plan file, or the sample plan of this repository. */
    Path planFile() {
        if (plan != null) {
            return plan;
        }
        for (Path p : List.of(Path.of("schemas/plans/zaozhuang-sample.json"),
                Path.of("../schemas/plans/zaozhuang-sample.json"))) {
            if (Files.exists(p)) {
                return p;
            }
        }
        throw new IllegalStateException("no --plan given and schemas/plans/zaozhuang-sample.json not found");
    }

    /**
     * The given work directory, or a new temporary one, with a logs directory inside and a {@code tmp} directory for
     * the child JVMs' temporary files (see {@link Benchmark#childJvm}).
     */
    Path workDirectory(String prefix) throws IOException {
        Path dir = workDir != null ? Files.createDirectories(workDir) : Files.createTempDirectory(prefix);
        Files.createDirectories(dir.resolve("logs"));
        Files.createDirectories(dir.resolve("tmp"));
        return dir;
    }

    /**
     * After a run in a temporary work directory (no {@code --work-dir}), deletes the servers' data, checkpoints and
     * temporary files, a few hundred MiB a run, and keeps the logs. A given work directory is left as it is.
     */
    void removeData(Path dir) throws IOException {
        if (workDir != null) {
            return;
        }
        try (Stream<Path> entries = Files.list(dir)) {
            for (Path entry : entries.filter(e -> !e.getFileName().toString().equals("logs")).toList()) {
                deleteTree(entry);
            }
        }
        System.out.println("logs in " + dir.resolve("logs"));
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(f);
            }
        }
    }

    /** These options as given, those left at their defaults omitted: for the command a report shows. */
    String commonArguments() {
        return (parallelism != 2 ? " --parallelism " + parallelism : "") + (plan != null ? " --plan " + plan : "")
                + (results != null ? " --results " + results : "");
    }

    /** Prints a report and appends it to the results file, if one was given. */
    void publish(String report) throws IOException {
        publish(report, results);
    }

    /** Prints a report and appends it to {@code results}, if not null, starting the file if it is new. */
    static void publish(String report, Path results) throws IOException {
        System.out.print(report);
        if (results == null) {
            return;
        }
        if (!Files.exists(results)) {
            Files.writeString(results, "# Benchmark results\n\nEach section is one run of `bench/run`; earlier rows are "
                    + "kept so that progress shows.\n");
        }
        Files.writeString(results, report, StandardOpenOption.APPEND);
    }

    /** "2 cores, 24 GiB, OpenJDK 64-Bit Server VM 17.0.15": the machine a report was measured on. */
    static String machine() {
        long bytes = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getTotalMemorySize();
        return String.format(Locale.ROOT, "%d cores, %.0f GiB, %s %s", Runtime.getRuntime().availableProcessors(),
                bytes / (double) (1L << 30), System.getProperty("java.vm.name"), System.getProperty("java.version"));
    }
}
