package io.beizeng;

import io.beizeng.config.CommonOptions;
import io.beizeng.config.JdbcOptions;
import io.beizeng.config.JobSettings;
import io.beizeng.config.Plan;
import io.beizeng.config.PlanLoader;
import io.beizeng.ingest.InputStreams;
import io.beizeng.sink.JdbcTarget;
import io.beizeng.sink.Migrations;
import io.beizeng.sink.PlanCatalog;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.Callable;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
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

    /** Checks done before anything starts (e.g. that the broker answers). */
    void checkInputs() {}

    abstract String jobName(Plan plan);

    /** The sinks of this command; by default the tables. */
    BeizengPipeline.Outputs outputs(Plan plan, BeizengPipeline.Outputs tables) {
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
        } catch (SQLException e) {
            throw new StartupException("cannot write the plan's regions to " + target.url() + ": " + rootMessage(e));
        }
        checkInputs();

        Configuration configuration = BeizengPipeline.jobConfiguration();
        if (common.checkpointDir != null) {
            configuration.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, common.checkpointDir.toString());
        }
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(configuration);
        if (common.parallelism != null) {
            env.setParallelism(common.parallelism);
        }
        env.enableCheckpointing(common.checkpointInterval.toMillis());
        env.setBufferTimeout(settings.bufferTimeoutMs());

        BeizengPipeline.build(plan, settings, inputs(env, plan, settings),
                outputs(plan, BeizengPipeline.Outputs.jdbc(target, settings.sinkFlushMs())));
        LOG.info("Starting {} for plan {} ({}), results to {}", jobName(plan), plan.planId(), plan.name(), target);
        env.execute(jobName(plan));
        return 0;
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
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
