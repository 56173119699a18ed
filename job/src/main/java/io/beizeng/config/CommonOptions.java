package io.beizeng.config;

import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** Options shared by the commands that run the job. */
public final class CommonOptions {
    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = "--plan", required = true, paramLabel = "FILE", description = "The plan file (JSON).")
    public Path plan;

    @Option(names = "--parallelism", paramLabel = "N", description = "Job parallelism (default: the cluster's).")
    public Integer parallelism;

    @Option(names = "--max-out-of-orderness", paramLabel = "DURATION", defaultValue = "1d",
            converter = DurationConverter.class,
            description = "How far events may arrive out of order with no effect on results (default: ${DEFAULT-VALUE}).")
    public Duration maxOutOfOrderness;

    @Option(names = "--allowed-lateness", paramLabel = "DURATION", defaultValue = "35d",
            converter = DurationConverter.class,
            description = "How long after its end a month still takes corrections; later events are rejected as LATE "
                    + "(default: ${DEFAULT-VALUE}).")
    public Duration allowedLateness;

    @Option(names = "--dedupe-horizon", paramLabel = "DURATION", defaultValue = "7d",
            converter = DurationConverter.class,
            description = "How long (event time) an eventId is remembered for deduplication (default: ${DEFAULT-VALUE}).")
    public Duration dedupeHorizon;

    @Option(names = "--update-interval", paramLabel = "DURATION", defaultValue = "10s",
            converter = DurationConverter.class,
            description = "Results of open months are upserted at least this often (default: ${DEFAULT-VALUE}).")
    public Duration updateInterval;

    @Option(names = "--idle-timeout", paramLabel = "DURATION", defaultValue = "1m",
            converter = DurationConverter.class,
            description = "A partition without records this long stops holding back the watermark; 0 to never "
                    + "(default: ${DEFAULT-VALUE}).")
    public Duration idleTimeout;

    @Option(names = "--checkpoint-interval", paramLabel = "DURATION", defaultValue = "30s",
            converter = DurationConverter.class, description = "Checkpoint interval (default: ${DEFAULT-VALUE}).")
    public Duration checkpointInterval;

    @Option(names = "--checkpoint-dir", paramLabel = "URI",
            description = "Where checkpoints are stored, e.g. file:///var/lib/beizeng/checkpoints or s3://… (default: "
                    + "the cluster's execution.checkpointing.dir; without one, the JobManager's memory, which refuses "
                    + "state over 5 MB).")
    public java.net.URI checkpointDir;

    @Option(names = "--no-migrate", description = "Do not apply the database migrations at start.")
    public boolean noMigrate;

    public JobSettings settings() {
        if (updateInterval.toMillis() < 50) {
            throw new ParameterException(spec.commandLine(), "--update-interval must be at least 50ms");
        }
        if (maxOutOfOrderness.isNegative() || allowedLateness.isNegative() || dedupeHorizon.isNegative()) {
            throw new ParameterException(spec.commandLine(), "durations must not be negative");
        }
        if (checkpointInterval.toMillis() < 100) {
            throw new ParameterException(spec.commandLine(), "--checkpoint-interval must be at least 100ms");
        }
        if (parallelism != null && (parallelism < 1 || parallelism > 1024)) {
            throw new ParameterException(spec.commandLine(), "--parallelism must be between 1 and 1024");
        }
        return new JobSettings(maxOutOfOrderness, allowedLateness, dedupeHorizon, updateInterval, idleTimeout);
    }
}
