package io.beizeng.testing;

import io.beizeng.sink.Outputs;
import io.beizeng.BeizengPipeline;
import io.beizeng.config.JobSettings;
import io.beizeng.config.Plan;
import io.beizeng.ingest.InputStreams;
import io.beizeng.model.SourceTopic;
import io.beizeng.sink.JdbcTarget;
import io.beizeng.sink.Migrations;
import java.time.Duration;
import java.util.Properties;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The job as the integration tests start it in their mini cluster: from the default topics of a broker into a
 * freshly migrated database, parallelism 2, checkpointing on. Settings start from {@link JobSettings#defaults()};
 * each test changes what its scenario needs.
 */
public final class KafkaJob {
    private final Plan plan;
    private final String bootstrapServers;
    private final JdbcTarget target;
    private String group = "it";
    private boolean bounded;
    private long checkpointMs = 1000;
    private long flushMs = 200;
    private Duration updateInterval = JobSettings.defaults().updateInterval();
    private Duration idleTimeout = JobSettings.defaults().idleTimeout();
    private boolean restarts = true;
    private final Properties kafkaProperties = new Properties();

    private KafkaJob(Plan plan, String bootstrapServers, JdbcTarget target) {
        this.plan = plan;
        this.bootstrapServers = bootstrapServers;
        this.target = target;
    }

    public static KafkaJob of(Plan plan, String bootstrapServers, String jdbcUrl, PostgresServer postgres) {
        return new KafkaJob(plan, bootstrapServers, new JdbcTarget(jdbcUrl, postgres.user(), postgres.password()));
    }

    public KafkaJob group(String group) {
        this.group = group;
        return this;
    }

    /** Stop at the end offsets seen at start. */
    public KafkaJob bounded() {
        this.bounded = true;
        return this;
    }

    public KafkaJob checkpointEvery(long millis) {
        this.checkpointMs = millis;
        return this;
    }

    /** How often the JDBC sinks flush on their own. */
    public KafkaJob flushEvery(long millis) {
        this.flushMs = millis;
        return this;
    }

    public KafkaJob updateInterval(Duration interval) {
        this.updateInterval = interval;
        return this;
    }

    public KafkaJob idleTimeout(Duration timeout) {
        this.idleTimeout = timeout;
        return this;
    }

    /** Any failure fails the job at once. */
    public KafkaJob noRestarts() {
        this.restarts = false;
        return this;
    }

    public KafkaJob kafkaProperty(String key, String value) {
        kafkaProperties.setProperty(key, value);
        return this;
    }

    /** Migrates the database, submits the job and returns at once. */
    public JobClient start(String name) throws Exception {
        return environment().executeAsync(name);
    }

    /** Migrates the database and runs the job to its end (a bounded one); a failure throws. */
    public void run(String name) throws Exception {
        environment().execute(name);
    }

    private StreamExecutionEnvironment environment() {
        Migrations.migrate(target);
        Configuration conf = BeizengPipeline.jobConfiguration();
        if (!restarts) {
            conf.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        }
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(2);
        env.enableCheckpointing(checkpointMs);
        JobSettings defaults = JobSettings.defaults();
        JobSettings settings = new JobSettings(defaults.maxOutOfOrderness(), defaults.allowedLateness(),
                defaults.dedupeHorizon(), updateInterval, idleTimeout);
        BeizengPipeline.build(plan, settings, InputStreams.fromKafka(env, plan, settings,
                new InputStreams.KafkaInput(bootstrapServers, SourceTopic.defaultTopics(), group, bounded,
                        kafkaProperties)), Outputs.jdbc(target, flushMs));
        return env;
    }
}
