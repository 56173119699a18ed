package io.beizeng.attribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

class EventTimeStampsTest {
    record Stamped(String id, long ts) {}

    @Test
    void eachElementLeavesWithItsOwnEventTimeAndWatermarksPassUnchanged() throws Exception {
        try (var h = new OneInputStreamOperatorTestHarness<Stamped, Stamped>(
                new EventTimeStamps<Stamped>((s, recordTimestamp) -> s.ts()))) {
            h.open();
            // as Attribution releases them: all from one timer, all with that timer's timestamp
            h.processElement(new StreamRecord<>(new Stamped("a", 1_000), 1_000));
            h.processElement(new StreamRecord<>(new Stamped("b", 5_000), 1_000));
            h.processElement(new StreamRecord<>(new Stamped("c", 9_000), 1_000));
            h.processWatermark(new Watermark(9_500));
            List<Object> out = List.copyOf(h.getOutput());
            assertThat(out).containsExactly(
                    new StreamRecord<>(new Stamped("a", 1_000), 1_000),
                    new StreamRecord<>(new Stamped("b", 5_000), 5_000),
                    new StreamRecord<>(new Stamped("c", 9_000), 9_000),
                    new Watermark(9_500));
        }
    }
}
