package io.beizeng.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class JobSettingsTest {

    @Test
    void intervalsFollowTheUpdateIntervalWithinTheirBounds() {
        assertThat(settings(Duration.ofMillis(50)).watermarkIntervalMs()).isEqualTo(25);
        assertThat(settings(Duration.ofMillis(1)).watermarkIntervalMs()).isEqualTo(1);
        assertThat(settings(Duration.ofSeconds(10)).watermarkIntervalMs()).isEqualTo(200);
        assertThat(settings(Duration.ofMillis(50)).bufferTimeoutMs()).isEqualTo(25);
        assertThat(settings(Duration.ofMillis(1)).bufferTimeoutMs()).isEqualTo(1);
        assertThat(settings(Duration.ofSeconds(10)).bufferTimeoutMs()).isEqualTo(100);
        assertThat(settings(Duration.ofMillis(50)).combineIntervalMs()).isEqualTo(50);
        assertThat(settings(Duration.ofSeconds(10)).combineIntervalMs()).isEqualTo(200);
        assertThat(settings(Duration.ofMillis(50)).earlyFiringMs()).isEqualTo(5);
        assertThat(settings(Duration.ofMillis(5)).earlyFiringMs()).isEqualTo(1);
        assertThat(settings(Duration.ofSeconds(10)).earlyFiringMs()).isEqualTo(1_000);
        assertThat(settings(Duration.ofMillis(50)).sinkFlushMs()).isEqualTo(10);
        assertThat(settings(Duration.ofMillis(2_500)).sinkFlushMs()).isEqualTo(500);
        assertThat(settings(Duration.ofSeconds(10)).sinkFlushMs()).isEqualTo(1_000);
    }

    private static JobSettings settings(Duration updateInterval) {
        JobSettings d = JobSettings.defaults();
        return new JobSettings(d.maxOutOfOrderness(), d.allowedLateness(), d.dedupeHorizon(), updateInterval,
                d.idleTimeout());
    }
}
