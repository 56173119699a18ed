package io.beizeng.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.flink.api.common.eventtime.BoundedOutOfOrdernessWatermarks;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.junit.jupiter.api.Test;

class PartitionWatermarkTest {

    @Test
    void noWatermarkBeforeTheFirstRecord() {
        PartitionWatermark watermark = new PartitionWatermark(100);
        assertThat(watermark.before(1_000)).isEqualTo(Long.MIN_VALUE);
        assertThat(watermark.before(900)).isEqualTo(1_000 - 100 - 1);
    }

    @Test
    void followsTheLatestEventTimeNotTheLastOne() {
        PartitionWatermark watermark = new PartitionWatermark(100);
        List<Long> seen = new ArrayList<>();
        for (long ts : new long[] {1_000, 1_500, 1_200, 1_600, 1_600}) {
            seen.add(watermark.before(ts));
        }
        assertThat(seen).containsExactly(Long.MIN_VALUE, 899L, 1_399L, 1_399L, 1_499L);
    }

    /** Flink's own generator, asked after every record, is the reference: the same rule, computed independently. */
    @Test
    void equalsFlinksBoundedOutOfOrdernessAfterEveryRecord() {
        Random random = new Random(42);
        for (long bound : new long[] {0, 1, 86_400_000}) {
            PartitionWatermark watermark = new PartitionWatermark(bound);
            var flink = new BoundedOutOfOrdernessWatermarks<Long>(Duration.ofMillis(bound));
            Latest emitted = new Latest();
            long ts = 1_700_000_000_000L;
            for (int i = 0; i < 5_000; i++) {
                ts += random.nextInt(3_600_000) - 1_200_000;
                long before = watermark.before(ts);
                assertThat(before).as("record %d, bound %d", i, bound).isEqualTo(emitted.value);
                flink.onEvent(ts, ts, emitted);
                flink.onPeriodicEmit(emitted);
            }
        }
    }

    private static final class Latest implements WatermarkOutput {
        long value = Long.MIN_VALUE;

        @Override
        public void emitWatermark(Watermark watermark) {
            value = watermark.getTimestamp();
        }

        @Override
        public void markIdle() {}

        @Override
        public void markActive() {}
    }
}
