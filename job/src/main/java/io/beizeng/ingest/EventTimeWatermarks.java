package io.beizeng.ingest;

import io.beizeng.model.Received;
import io.beizeng.model.SourceEvent;
import java.time.Duration;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;

/**
 * Watermarks for the input streams, given to the sources so that they are tracked per partition.
 *
 * <p>Bounded out-of-orderness, but emitted from the events themselves (punctuated) rather than on a processing-time
 * period: the watermark then is a function of the records read, so whether a record is late does not depend on how
 * fast the job happens to run. It advances in steps of at least the given step (see
 * {@link io.beizeng.config.JobSettings#watermarkStepMs()}) to keep watermark traffic low.
 * Rejected records carry no event time and do not move it. A partition without records for {@code idleTimeout}
 * stops holding the others back.
 */
public final class EventTimeWatermarks {
    private EventTimeWatermarks() {}

    public static <E extends SourceEvent> WatermarkStrategy<Received<E>> forReceived(
            Duration maxOutOfOrderness, Duration idleTimeout, long stepMs) {
        long bound = maxOutOfOrderness.toMillis();
        WatermarkStrategy<Received<E>> strategy = WatermarkStrategy
                .<Received<E>>forGenerator(ctx -> new PunctuatedBoundedOutOfOrderness<>(bound, stepMs))
                .withTimestampAssigner((r, previous) -> r.event() == null ? Long.MIN_VALUE : r.event().ts());
        return idleTimeout.isZero() ? strategy : strategy.withIdleness(idleTimeout);
    }

    static final class PunctuatedBoundedOutOfOrderness<T> implements WatermarkGenerator<T> {
        private final long bound;
        private final long step;
        private long maxTimestamp = Long.MIN_VALUE;
        private long emitted = Long.MIN_VALUE;

        PunctuatedBoundedOutOfOrderness(long bound, long step) {
            this.bound = bound;
            this.step = step;
        }

        @Override
        public void onEvent(T event, long timestamp, WatermarkOutput output) {
            if (timestamp == Long.MIN_VALUE || timestamp <= maxTimestamp) {
                return;
            }
            maxTimestamp = timestamp;
            long candidate = timestamp - bound - 1;
            if (emitted == Long.MIN_VALUE || candidate - emitted >= step) {
                emitted = candidate;
                output.emitWatermark(new Watermark(candidate));
            }
        }

        @Override
        public void onPeriodicEmit(WatermarkOutput output) {
            // punctuated only: see the class comment
        }
    }
}
