package io.beizeng.config;

import java.io.Serializable;
import java.time.Duration;

/** The event-time and update settings of a run (see the CLI options of the same names). */
public record JobSettings(
        Duration maxOutOfOrderness,
        Duration allowedLateness,
        Duration dedupeHorizon,
        Duration updateInterval,
        Duration idleTimeout)
        implements Serializable {

    public static JobSettings defaults() {
        return new JobSettings(Duration.ofDays(1), Duration.ofDays(35), Duration.ofDays(7), Duration.ofSeconds(10),
                Duration.ofMinutes(1));
    }
}
