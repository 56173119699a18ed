package io.beizeng.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * A text summary of a Flight Recorder profile, small enough to keep in git beside the results: the methods on top of
 * the sampled stacks, and the share of samples each method appears in (inclusive), for beizeng's own code, the
 * connectors and Flink's state and network layers.
 */
final class ProfileSummary {
    private ProfileSummary() {}

    static void write(Path recording, Path summary) throws IOException {
        Map<String, Integer> top = new HashMap<>();
        Map<String, Integer> inclusive = new HashMap<>();
        int samples = 0;
        for (RecordedEvent e : RecordingFile.readAllEvents(recording)) {
            if (!e.getEventType().getName().equals("jdk.ExecutionSample") || e.getStackTrace() == null) {
                continue;
            }
            List<RecordedFrame> frames = e.getStackTrace().getFrames();
            if (frames.isEmpty()) {
                continue;
            }
            samples++;
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
        Files.writeString(summary, b);
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
