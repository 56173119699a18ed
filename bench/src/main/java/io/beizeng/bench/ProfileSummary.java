package io.beizeng.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

/**
 * A text summary of a Flight Recorder profile, small enough to keep in git beside the results: the methods on top of
 * the sampled stacks, the share of samples each method appears in (inclusive), for beizeng's own code, the
 * connectors and Flink's state and network layers, and the samples and the CPU time of each thread.
 *
 * <p>Why CPU by thread as well: execution samples see only threads running Java code, so the JIT compiler threads
 * and time in system calls are missing from them; JFR's per-thread CPU load counts every Java thread's user and
 * system time (the garbage collector's workers are not Java threads: see the recording's GC events for them).
 */
final class ProfileSummary {
    private ProfileSummary() {}

    static void write(Path recording, Path summary) throws IOException {
        Map<String, Integer> top = new HashMap<>();
        Map<String, Integer> inclusive = new HashMap<>();
        Map<String, Integer> samplesByThread = new HashMap<>();
        List<CpuLoad> cpuLoads = new ArrayList<>();
        Map<Long, Instant> threadStarts = new HashMap<>();
        Instant recordingStart = Instant.MAX;
        int samples = 0;
        for (RecordedEvent e : RecordingFile.readAllEvents(recording)) {
            String type = e.getEventType().getName();
            if (e.getStartTime().isBefore(recordingStart)) {
                recordingStart = e.getStartTime();
            }
            if (type.equals("jdk.ThreadStart") && e.getThread("thread") != null) {
                threadStarts.put(e.getThread("thread").getId(), e.getStartTime());
                continue;
            }
            if (type.equals("jdk.ThreadCPULoad") && e.getThread("eventThread") != null) {
                RecordedThread t = e.getThread("eventThread");
                cpuLoads.add(new CpuLoad(t.getId(), threadName(t), e.getStartTime(),
                        e.getDouble("user") + e.getDouble("system")));
                continue;
            }
            if (!type.equals("jdk.ExecutionSample") || e.getStackTrace() == null) {
                continue;
            }
            List<RecordedFrame> frames = e.getStackTrace().getFrames();
            if (frames.isEmpty()) {
                continue;
            }
            samples++;
            if (e.getThread("sampledThread") != null) {
                samplesByThread.merge(threadName(e.getThread("sampledThread")), 1, Integer::sum);
            }
            top.merge(name(frames.get(0)), 1, Integer::sum);
            Set<String> seen = new HashSet<>();
            for (RecordedFrame f : frames) {
                if (seen.add(name(f))) {
                    inclusive.merge(name(f), 1, Integer::sum);
                }
            }
        }
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "%s: %d execution samples%n%nOn top of the stack:%n",
                recording.getFileName(), samples));
        append(b, top, samples, 25, name -> true);
        b.append(String.format(Locale.ROOT, "%nInclusive (beizeng, connectors, Flink state and network):%n"));
        append(b, inclusive, samples, 40, name -> name.matches(".*(beizeng|connector|jdbc|kafka|jackson|postgresql"
                + "|runtime\\.state|runtime\\.io\\.network|typeutils|table\\.runtime).*"));
        b.append(String.format(Locale.ROOT, "%nExecution samples by thread (subtask and thread numbers folded):%n"));
        append(b, samplesByThread, samples, 15, name -> true);
        Map<String, Double> cpuByThread = cpuByThread(cpuLoads, threadStarts, recordingStart);
        double cpu = cpuByThread.values().stream().mapToDouble(Double::doubleValue).sum();
        b.append(String.format(Locale.ROOT, "%nCPU by thread (user + system, share of all Java threads' CPU, from "
                + "jdk.ThreadCPULoad weighted by the time each load covers; includes the JIT compiler threads and "
                + "system time, not the GC workers):%n"));
        cpuByThread.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed()).limit(15)
                .forEach(e -> b.append(String.format(Locale.ROOT, "%6.1f %%  %s%n", 100.0 * e.getValue() / cpu,
                        e.getKey())));
        Files.writeString(summary, b);
    }

    /** One jdk.ThreadCPULoad event: a thread's share of the machine's CPU since its previous one. */
    record CpuLoad(long thread, String name, Instant at, double load) {}

    /**
     * CPU per thread name, in units proportional to CPU seconds: each load is weighted by the time since the thread's
     * previous load (or its start, or the recording's), since a short-lived thread's only load covers a short time.
     */
    static Map<String, Double> cpuByThread(List<CpuLoad> loads, Map<Long, Instant> starts, Instant start) {
        Map<Long, Instant> previous = new HashMap<>(starts);
        Map<String, Double> cpu = new HashMap<>();
        loads.stream().sorted(java.util.Comparator.comparing(CpuLoad::at)).forEach(l -> {
            Instant since = previous.getOrDefault(l.thread(), start);
            double seconds = Math.max(0, java.time.Duration.between(since, l.at()).toNanos() / 1e9);
            cpu.merge(l.name(), l.load() * seconds, Double::sum);
            previous.put(l.thread(), l.at());
        });
        return cpu;
    }

    /** A thread's name with its numbers folded, so that the subtasks and pool threads of one kind add up. */
    static String threadName(RecordedThread thread) {
        String name = thread.getJavaName() != null ? thread.getJavaName() : thread.getOSName();
        if (name == null) {
            return "?";
        }
        String folded = name.replaceAll(" \\(\\d+/\\d+\\)(#\\d+)?", "").replaceAll("\\d+", "N");
        // an operator chain's name lists every operator in it
        return folded.length() > 100 ? folded.substring(0, 100) + "…" : folded;
    }

    private static void append(StringBuilder b, Map<String, Integer> counts, int samples, int limit,
            java.util.function.Predicate<String> include) {
        counts.entrySet().stream().filter(e -> include.test(e.getKey()))
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(limit)
                .forEach(e -> b.append(String.format(Locale.ROOT, "%6.1f %%  %s%n", 100.0 * e.getValue() / samples,
                        e.getKey())));
    }

    private static String name(RecordedFrame f) {
        return f.getMethod().getType().getName() + "." + f.getMethod().getName();
    }

    /** {@code ProfileSummary FILE.jfr…}: writes FILE-profile.txt beside each recording. */
    public static void main(String[] args) throws IOException {
        for (String a : args) {
            Path p = Path.of(a);
            write(p, p.resolveSibling(p.getFileName().toString().replace(".jfr", "-profile.txt")));
        }
    }
}
