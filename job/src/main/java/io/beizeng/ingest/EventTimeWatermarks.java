package io.beizeng.ingest;

import io.beizeng.model.Received;
import io.beizeng.model.SourceEvent;
import java.time.Duration;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Watermarks for the input streams, given to the sources so that they are tracked per partition: Flink's bounded
 * out-of-orderness, emitted on a processing-time period ({@link #emitEvery}). Rejected records carry no event time
 * and do not move them. A partition without records for {@code idleTimeout} stops holding the others back.
 *
 * <p>These watermarks drive windows, timers and the temporal join; what is late is judged at each record's
 * {@link PartitionWatermark} instead, which follows the same rule but from the records alone, so that it does not
 * depend on how fast the job happens to run. The watermarks emitted here are never ahead of it.
 */
public final class EventTimeWatermarks {
    private EventTimeWatermarks() {}

    public static <E extends SourceEvent> WatermarkStrategy<Received<E>> forReceived(
            Duration maxOutOfOrderness, Duration idleTimeout) {
        WatermarkStrategy<Received<E>> strategy = WatermarkStrategy
                .<Received<E>>forBoundedOutOfOrderness(maxOutOfOrderness)
                .withTimestampAssigner((r, previous) -> r.event() == null ? Long.MIN_VALUE : r.event().ts());
        return idleTimeout.isZero() ? strategy : strategy.withIdleness(idleTimeout);
    }

    /** Sets the period of the sources' watermarks (Flink's auto-watermark interval) of a job's environment. */
    public static void emitEvery(StreamExecutionEnvironment env, long intervalMs) {
        env.getConfig().setAutoWatermarkInterval(intervalMs);
    }
}
