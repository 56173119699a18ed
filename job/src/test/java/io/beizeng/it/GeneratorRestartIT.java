package io.beizeng.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.beizeng.model.SourceTopic;
import io.beizeng.testing.CommandLineRun;
import io.beizeng.testing.KafkaBroker;
import io.beizeng.testing.TestPlans;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The compose stack's generator, started again over topics that hold its history (a stack brought up again), must
 * not send the history twice ({@code generate --history-once}) on a real broker; the records sent the first time
 * are those of the same world written to files.
 */
class GeneratorRestartIT {
    @RegisterExtension
    static final KafkaBroker KAFKA = new KafkaBroker();

    @TempDir
    Path dir;

    @Test
    void aGeneratorStartedAgainDoesNotSendItsHistoryTwice() throws Exception {
        for (String topic : SourceTopic.defaultTopics().values()) {
            KAFKA.createTopic(topic, 2);
        }
        List<String> world = List.of("generate", "--plan", TestPlans.ZAOZHUANG_FILE.toAbsolutePath().toString(),
                "--enterprises", "40", "--granularity", "MONTHLY", "--from", "2023-01-01", "--to", "2023-06-30");
        CommandLineRun files = run(world, "--out", dir.toString());
        assertThat(files.code()).as(files.err()).isZero();
        Map<String, Long> expected = new HashMap<>();
        for (Map.Entry<SourceTopic, String> t : SourceTopic.defaultTopics().entrySet()) {
            try (var lines = Files.lines(dir.resolve(t.getKey().fileName()))) {
                expected.put(t.getValue(), lines.count());
            }
        }
        assertThat(expected.get(SourceTopic.PRODUCTION.defaultTopic())).isPositive();

        CommandLineRun first = run(world, "--bootstrap-servers", KAFKA.bootstrapServers(), "--history-once");
        assertThat(first.code()).as(first.err()).isZero();
        assertThat(records()).as("the first run sends the history").isEqualTo(expected);

        CommandLineRun again = run(world, "--bootstrap-servers", KAFKA.bootstrapServers(), "--history-once");
        assertThat(again.code()).as(again.err()).isZero();
        assertThat(records()).as("a second run sends nothing again").isEqualTo(expected);

        // without the option the history goes out again: what the option prevents
        CommandLineRun plain = run(world, "--bootstrap-servers", KAFKA.bootstrapServers());
        assertThat(plain.code()).as(plain.err()).isZero();
        Map<String, Long> doubled = new HashMap<>();
        expected.forEach((topic, n) -> doubled.put(topic, 2 * n));
        assertThat(records()).isEqualTo(doubled);
    }

    private static CommandLineRun run(List<String> world, String... more) {
        List<String> args = new ArrayList<>(world);
        args.addAll(List.of(more));
        return CommandLineRun.of(args.toArray(String[]::new));
    }

    /** Records per topic: the sum of the partitions' latest offsets (the topics are not compacted, nothing expires). */
    private static Map<String, Long> records() throws Exception {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        for (String topic : SourceTopic.defaultTopics().values()) {
            for (int p = 0; p < 2; p++) {
                request.put(new TopicPartition(topic, p), OffsetSpec.latest());
            }
        }
        Map<String, Long> counts = new HashMap<>();
        KAFKA.admin().listOffsets(request).all().get().forEach((tp, o) -> counts.merge(tp.topic(), o.offset(), Long::sum));
        return counts;
    }
}
