package io.beizeng.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.beizeng.model.Cell;
import io.beizeng.progress.PartialSums;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

class LocalCombinerTest {
    private static final long FLUSH_MS = 100;

    private static PartialSums sums(String key, long windowEnd, long first, long second) {
        ExactSums acc = new ExactSums(2);
        acc.addEvent(new long[] {first, second}, windowEnd - 1);
        return new PartialSums(Cell.of(key), windowEnd, acc);
    }

    private static OneInputStreamOperatorTestHarness<PartialSums, PartialSums> harness(int maxKeys) throws Exception {
        var h = new OneInputStreamOperatorTestHarness<>(new LocalCombiner<>(PartialSums::slot, PartialSums::plus,
                PartialSums::lastInstant, FLUSH_MS, maxKeys));
        h.setProcessingTime(0);
        h.open();
        return h;
    }

    /** Output records as "key@windowEnd=first/events ts", watermarks as "W ts". */
    private static List<String> drain(OneInputStreamOperatorTestHarness<PartialSums, PartialSums> h) {
        ConcurrentLinkedQueue<Object> out = h.getOutput();
        List<String> seen = out.stream().map(o -> o instanceof Watermark w ? "W " + w.getTimestamp()
                : describe((StreamRecord<?>) o)).toList();
        out.clear();
        return seen;
    }

    private static String describe(StreamRecord<?> r) {
        PartialSums p = (PartialSums) r.getValue();
        return p.cell().region() + "@" + p.windowEnd() + "=" + p.sums().count(0) + "/" + p.sums().events + " "
                + r.getTimestamp();
    }

    @Test
    void combinesPerKeyAndWindowAndKeepsTheFirstTimestamp() throws Exception {
        var h = harness(1000);
        h.processElement(sums("a", 100, 1, 0), 10);
        h.processElement(sums("a", 100, 2, 0), 20);
        h.processElement(sums("b", 100, 4, 0), 30);
        h.processElement(sums("a", 200, 8, 0), 150);
        assertThat(drain(h)).isEmpty();
        h.prepareSnapshotPreBarrier(1);
        assertThat(drain(h)).containsExactlyInAnyOrder("a@100=3/2 10", "b@100=4/1 30", "a@200=8/1 150");
    }

    @Test
    void handsOnBeforeAWatermarkThatReachesAWindowsLastInstant() throws Exception {
        var h = harness(1000);
        h.processElement(sums("a", 100, 1, 0), 10);
        h.processWatermark(new Watermark(98));
        // the window [.., 100) is still open at 98: nothing needs to go yet
        assertThat(drain(h)).containsExactly("W 98");
        h.processElement(sums("a", 100, 2, 0), 20);
        h.processWatermark(new Watermark(99));
        // 99 is the window's last instant: the sums go first, then the watermark
        assertThat(drain(h)).containsExactly("a@100=3/2 10", "W 99");
    }

    @Test
    void handsOnEveryFlushIntervalAndWhenHoldingTooManyKeys() throws Exception {
        var h = harness(2);
        h.processElement(sums("a", 100, 1, 0), 10);
        h.setProcessingTime(FLUSH_MS);
        assertThat(drain(h)).containsExactly("a@100=1/1 10");
        h.processElement(sums("a", 100, 1, 0), 10);
        h.processElement(sums("b", 100, 1, 0), 10);
        assertThat(drain(h)).isEmpty();
        h.processElement(sums("c", 100, 1, 0), 10);
        assertThat(drain(h)).hasSize(3);
    }

    @Test
    void handsOnAtTheEndOfInput() throws Exception {
        var h = harness(1000);
        h.processElement(sums("a", 100, 5, 0), 10);
        h.endInput();
        assertThat(drain(h)).containsExactly("a@100=5/1 10");
    }
}
