package io.beizeng;

import io.beizeng.sink.Outputs;
import io.beizeng.config.CommonOptions;
import io.beizeng.config.JdbcOptions;
import io.beizeng.config.JobSettings;
import io.beizeng.config.Plan;
import io.beizeng.config.PlanLoader;
import io.beizeng.ingest.InputStreams;
import io.beizeng.sink.AuditRows;
import io.beizeng.sink.JdbcTarget;
import io.beizeng.sink.Migrations;
import io.beizeng.sink.PlanCatalog;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Mixin;

/** What {@code run} and {@code replay} share: plan, database, environment, pipeline, execution. */
abstract class JobCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(JobCommand.class);

    @Mixin
    CommonOptions common;

    @Mixin
    JdbcOptions jdbc;

    /** The input streams of this command. */
    abstract InputStreams inputs(StreamExecutionEnvironment env, Plan plan, JobSettings settings);

    /** Checks of the arguments that picocli cannot express; throws a {@code ParameterException} (exit code 2). */
    void validateArguments() {}

    /**
     * Checks done before anything starts (e.g. that the broker answers).
     *
     * @param restoring whether the job starts from a savepoint or checkpoint (else it starts with empty state and
     *     recomputes from the beginning of its input)
     */
    void checkInputs(JdbcTarget target, Plan plan, boolean restoring) {}

    /** Whether the input ends: such a run fails after {@link #BOUNDED_RESTARTS} restarts rather than retry for ever. */
    abstract boolean bounded();

    /** Restarts a bounded command tries before it fails (exit code 1); an unbounded run restarts without end. */
    static final int BOUNDED_RESTARTS = 3;

    abstract String jobName(Plan plan);

    /** The sinks of this command; by default the tables. */
    Outputs outputs(Plan plan, Outputs tables) {
        return tables;
    }

    @Override
    public Integer call() throws Exception {
        validateArguments();
        JobSettings settings = common.settings();
        JdbcTarget target = jdbc.target();
        Plan plan = PlanLoader.load(common.plan);
        prepareDatabase(target, !common.noMigrate);
        try {
            PlanCatalog.write(target, plan);
            AuditRows.ensure(target);
        } catch (SQLException e) {
            throw new StartupException("cannot write the plan's regions to " + target.url() + ": " + rootMessage(e));
        }

        Configuration configuration = BeizengPipeline.jobConfiguration();
        if (common.checkpointDir != null) {
            configuration.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, common.checkpointDir.toString());
        }
        restarts(configuration, bounded());
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(configuration);
        // set by `flink run -s`, the REST API's savepointPath, or execution.state-recovery.path
        checkInputs(target, plan, env.getConfiguration().getOptional(StateRecoveryOptions.SAVEPOINT_PATH).isPresent());
        if (common.parallelism != null) {
            env.setParallelism(common.parallelism);
        }
        env.enableCheckpointing(common.checkpointInterval.toMillis());
        env.setBufferTimeout(settings.bufferTimeoutMs());

        BeizengPipeline.build(plan, settings, inputs(env, plan, settings),
                outputs(plan, Outputs.jdbc(target, settings.sinkFlushMs())));
        LOG.info("Starting {} for plan {} ({}), results to {}", jobName(plan), plan.planId(), plan.name(), target);
        try {
            env.execute(jobName(plan));
        } catch (Exception e) {
            throw new JobFailedException(gaveUp(e) ? "job failed after " + BOUNDED_RESTARTS + " restarts: "
                    + rootMessage(e) : "job failed: " + rootMessage(e), e);
        }
        return 0;
    }

    /**
     * A bounded run retries a failure a few times (a database or broker that comes back within seconds), then
     * fails: a deterministic failure must end the command, not restart it for ever. An unbounded run restarts
     * without end, with a backoff from 1 s to 2 min (reset after 10 min without failure); Flink counts the restarts
     * in the metric {@code numRestarts}, which the alert rules watch.
     */
    static void restarts(Configuration conf, boolean bounded) {
        if (bounded) {
            conf.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
            conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, BOUNDED_RESTARTS);
            conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofSeconds(2));
        } else {
            conf.set(RestartStrategyOptions.RESTART_STRATEGY, "exponential-delay");
            conf.set(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_INITIAL_BACKOFF, Duration.ofSeconds(1));
            conf.set(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_MAX_BACKOFF, Duration.ofMinutes(2));
            conf.set(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_BACKOFF_MULTIPLIER, 2.0);
            conf.set(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_RESET_BACKOFF_THRESHOLD,
                    Duration.ofMinutes(10));
            conf.set(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_ATTEMPTS, Integer.MAX_VALUE);
        }
    }

    /** Whether Flink gave up on a job after its restarts (rather than on a failure it does not restart from). */
    private static boolean gaveUp(Throwable e) {
        for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
            if (t.getMessage() != null && t.getMessage().contains("Recovery is suppressed by FixedDelayRestart")) {
                return true;
            }
        }
        return false;
    }

    static void prepareDatabase(JdbcTarget target, boolean migrate) {
        if (migrate) {
            try {
                String version = Migrations.migrate(target);
                LOG.info("Database schema at version {}", version);
            } catch (RuntimeException e) {
                throw new StartupException("cannot migrate the database at " + target.url() + ": "
                        + rootMessage(e));
            }
        } else {
            try (Connection c = target.connect()) {
                c.isValid(5);
            } catch (SQLException e) {
                throw new StartupException("cannot reach the database at " + target.url() + ": " + rootMessage(e));
            }
        }
    }

    static String rootMessage(Throwable e) {
        return StartupException.rootMessage(e);
    }
}
