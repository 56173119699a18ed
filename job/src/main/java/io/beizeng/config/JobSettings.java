package io.beizeng.config;

import java.io.Serializable;
import java.time.Duration;

/**
 * The event-time and update settings of a run (see the CLI options of the same names), and the intervals derived
 * from the update interval, which every stage between a source and a table waits for.
 */
public record JobSettings(
        Duration maxOutOfOrderness,
        Duration allowedLateness,
        Duration dedupeHorizon,
        Duration updateInterval,
        Duration idleTimeout)
        implements Serializable {

    /**
     * How often the sources emit watermarks, in processing time: half the update interval, since results wait for the
     * watermark, and at most Flink's default of 200 ms. On a timer rather than per event: a replay moves event time
     * by hours in milliseconds, and a watermark per step of event time would cost more than the events. Lateness does
     * not depend on it (see ingest/PartitionWatermark).
     */
    public long watermarkIntervalMs() {
        return Math.max(1, Math.min(200, updateInterval.toMillis() / 2));
    }

    /**
     * How long a network buffer may wait to fill before it is sent: half the update interval, at most Flink's
     * default of 100 ms. Not less: every task's output flusher wakes this often, and at shorter waits the flushers
     * take enough CPU to make a live job CPU-bound, when queueing, not the buffers' wait, makes its latency.
     */
    public long bufferTimeoutMs() {
        return Math.max(1, Math.min(100, updateInterval.toMillis() / 2));
    }

    /**
     * How often the combiners before a shuffle hand on what they hold in a live stream: within the update interval,
     * at most 200 ms, at least 10 ms.
     */
    public long combineIntervalMs() {
        return Math.max(10, Math.min(updateInterval.toMillis(), 200));
    }

    /**
     * How often an open month or day window may emit its running total early: a tenth of the update interval, at
     * least 1 ms. Its input is already coalesced (the combiners' partial sums, once per combine interval from each of
     * them), and plan progress coalesces its rows once per update interval after it: a window that also waited a
     * whole interval would add half an interval to every event's way to its table.
     */
    public long earlyFiringMs() {
        return Math.max(1, updateInterval.toMillis() / 10);
    }

    /**
     * How often the JDBC sinks flush their batches: a fifth of the update interval, at least 10 ms, at most a second.
     * Their input comes in bursts, a stage's flush once per interval; a flush with nothing to write costs nothing,
     * and a burst then waits a fifth of the interval instead of up to a whole one.
     */
    public long sinkFlushMs() {
        return Math.max(10, Math.min(1_000, updateInterval.toMillis() / 5));
    }

    public static JobSettings defaults() {
        return new JobSettings(Duration.ofDays(1), Duration.ofDays(35), Duration.ofDays(7), Duration.ofSeconds(10),
                Duration.ofMinutes(1));
    }
}
