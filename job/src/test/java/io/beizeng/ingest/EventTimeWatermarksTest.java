package io.beizeng.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.junit.jupiter.api.Test;

class EventTimeWatermarksTest {

    /** Collects the watermarks a generator emits. */
    private static final class Emitted implements WatermarkOutput {
        final List<Long> watermarks = new ArrayList<>();

        @Override
        public void emitWatermark(Watermark watermark) {
            watermarks.add(watermark.getTimestamp());
        }

        @Override
        public void markIdle() {}

        @Override
        public void markActive() {}
    }

    @Test
    void advancesInStepsBehindTheLatestEventByTheBound() {
        var generator = new EventTimeWatermarks.PunctuatedBoundedOutOfOrderness<String>(100, 50);
        Emitted out = new Emitted();
        for (long ts : new long[] {1_000, 1_020, 1_049, 1_050, 1_010, 1_120, 1_125}) {
            generator.onEvent("e", ts, out);
        }
        // 1 000 - 100 - 1 = 899 at once; 1 049 is less than a step ahead; 1 050 is a step; 1 010 is older; 1 120 is more
        // than a step after 1 050; 1 125 is not
        assertThat(out.watermarks).containsExactly(899L, 949L, 1_019L);
    }

    @Test
    void recordsWithoutEventTimeDoNotMoveIt() {
        var generator = new EventTimeWatermarks.PunctuatedBoundedOutOfOrderness<String>(0, 10);
        Emitted out = new Emitted();
        generator.onEvent("rejected", Long.MIN_VALUE, out);
        generator.onEvent("e", 5_000, out);
        generator.onEvent("rejected", Long.MIN_VALUE, out);
        assertThat(out.watermarks).containsExactly(4_999L);
    }
}
