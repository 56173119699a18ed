package io.beizeng;

import io.beizeng.sink.Outputs;
import io.beizeng.config.JobSettings;
import io.beizeng.config.Plan;
import io.beizeng.ingest.InputStreams;
import io.beizeng.ingest.TopicOffsets;
import io.beizeng.model.SourceTopic;
import io.beizeng.sink.AlertTopic;
import io.beizeng.sink.JdbcTarget;
import io.beizeng.sink.PlanCatalog;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Stream from Kafka, keep results current in PostgreSQL (checkpointing on).")
final class RunCommand extends JobCommand {
    @Option(names = "--bootstrap-servers", required = true, paramLabel = "HOST:PORT[,…]",
            description = "Kafka bootstrap servers.")
    String bootstrapServers;

    @Option(names = "--production-topic", defaultValue = "beizeng.production-events", paramLabel = "TOPIC",
            description = "Default: ${DEFAULT-VALUE}.")
    String productionTopic;

    @Option(names = "--enterprise-topic", defaultValue = "beizeng.enterprise-events", paramLabel = "TOPIC",
            description = "Default: ${DEFAULT-VALUE}.")
    String enterpriseTopic;

    @Option(names = "--investment-topic", defaultValue = "beizeng.investment-events", paramLabel = "TOPIC",
            description = "Default: ${DEFAULT-VALUE}.")
    String investmentTopic;

    @Option(names = "--group-id", paramLabel = "ID",
            description = "Kafka consumer group whose offsets are committed at checkpoints, for lag monitoring; a start "
                    + "without a savepoint or checkpoint reads every topic from its earliest offset "
                    + "(default: beizeng-PLANID).")
    String groupId;

    @Option(names = "--overwrite-with-partial-history",
            description = "Start without a savepoint or checkpoint even when the topics no longer hold their first "
                    + "records: the plan's rows are recomputed from what the topics still hold, so figures of the "
                    + "deleted records' months come out lower.")
    boolean overwriteWithPartialHistory;

    @Option(names = "--alerts-topic", defaultValue = AlertTopic.DEFAULT_TOPIC, paramLabel = "TOPIC",
            description = "Topic the alerts are published to, exactly once (default: ${DEFAULT-VALUE}).")
    String alertsTopic;

    @Option(names = "--bounded", description = "Stop at the end offsets seen at start, after writing all results.")
    boolean bounded;

    @Option(names = "--kafka-property", paramLabel = "KEY=VALUE",
            description = "A Kafka client property (e.g. security settings); repeatable.")
    Map<String, String> kafkaProperties = new java.util.LinkedHashMap<>();

    @Option(names = "--kafka-properties", paramLabel = "FILE", description = "A file of Kafka client properties.")
    Path kafkaPropertiesFile;

    @Spec
    CommandSpec spec;

    @Override
    void validateArguments() {
        for (String key : kafkaProperties.keySet()) {
            if (isSecret(key)) {
                throw new ParameterException(spec.commandLine(), "--kafka-property " + key
                        + " carries a secret; put it in the file given to --kafka-properties");
            }
        }
    }

    /** Kafka client settings that hold credentials: never accepted as flags, which other users can read. */
    static boolean isSecret(String key) {
        String k = key.toLowerCase(java.util.Locale.ROOT);
        return k.contains("password") || k.equals("sasl.jaas.config") || k.endsWith(".key")
                || k.contains("secret") || k.contains("token");
    }

    @Override
    String jobName(Plan plan) {
        return "beizeng run " + plan.planId();
    }

    Map<SourceTopic, String> topics() {
        Map<SourceTopic, String> topics = new EnumMap<>(SourceTopic.class);
        topics.put(SourceTopic.PRODUCTION, productionTopic);
        topics.put(SourceTopic.ENTERPRISE, enterpriseTopic);
        topics.put(SourceTopic.INVESTMENT, investmentTopic);
        return topics;
    }

    Properties clientProperties() {
        Properties p = new Properties();
        if (kafkaPropertiesFile != null) {
            try (InputStream in = Files.newInputStream(kafkaPropertiesFile)) {
                p.load(in);
            } catch (IOException e) {
                throw new StartupException("cannot read --kafka-properties " + kafkaPropertiesFile + ": " + e.getMessage());
            }
        }
        p.putAll(kafkaProperties);
        return p;
    }

    @Override
    boolean bounded() {
        return bounded;
    }

    @Override
    void checkInputs(JdbcTarget target, Plan plan, boolean restoring) {
        Properties p = clientProperties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "10000");
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
        try (Admin admin = Admin.create(p)) {
            Set<String> existing = admin.listTopics().names().get(15, TimeUnit.SECONDS);
            List<String> missing = new ArrayList<>();
            List<String> needed = new ArrayList<>(topics().values());
            needed.add(alertsTopic);
            for (String t : needed) {
                if (!existing.contains(t)) {
                    missing.add(t);
                }
            }
            if (!missing.isEmpty()) {
                throw new StartupException("Kafka at " + bootstrapServers + " has no topic " + String.join(", ", missing));
            }
            if (!restoring && !overwriteWithPartialHistory) {
                refuseLostHistory(admin, target, plan);
            }
        } catch (TimeoutException e) {
            throw new StartupException("cannot reach Kafka at " + bootstrapServers + " (no answer in 15 s; a broker that "
                    + "requires authentication needs its security settings in --kafka-properties)");
        } catch (ExecutionException e) {
            throw new StartupException("cannot reach Kafka at " + bootstrapServers + ": " + rootMessage(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StartupException("interrupted while checking Kafka");
        } catch (org.apache.kafka.common.KafkaException e) {
            throw new StartupException("invalid Kafka settings: " + rootMessage(e));
        }
    }

    /**
     * A start without restored state recomputes every table from the earliest offsets. Where a topic no longer holds
     * its first records (retention, or records deleted), that would overwrite the rows of a plan that has some with
     * figures lacking those records: refused, unless {@code --overwrite-with-partial-history}.
     */
    private void refuseLostHistory(Admin admin, JdbcTarget target, Plan plan)
            throws InterruptedException, ExecutionException, TimeoutException {
        Map<TopicPartition, Long> earliest = TopicOffsets.of(admin, topics().values(), OffsetSpec.earliest());
        TopicPartition truncated = earliest.entrySet().stream()
                .filter(e -> e.getValue() > 0)
                .map(Map.Entry::getKey)
                .min(java.util.Comparator.comparing(TopicPartition::topic).thenComparing(TopicPartition::partition))
                .orElse(null);
        if (truncated == null || !PlanCatalog.hasRows(target, plan)) {
            return;
        }
        throw new StartupException("topic " + truncated.topic() + " no longer holds its first records (partition "
                + truncated.partition() + " starts at offset " + earliest.get(truncated) + "): a start "
                + "without a savepoint or checkpoint recomputes plan " + plan.planId() + " from the earliest offsets and "
                + "would overwrite its rows with figures lacking the deleted records; start from a savepoint or "
                + "retained checkpoint (flink run -s PATH), or give --overwrite-with-partial-history to accept that");
    }

    @Override
    Outputs outputs(Plan plan, Outputs tables) {
        return tables.withAlertTopic(AlertTopic.sink(bootstrapServers, alertsTopic, clientProperties(), plan.planId()));
    }

    @Override
    InputStreams inputs(StreamExecutionEnvironment env, Plan plan, JobSettings settings) {
        String group = groupId != null ? groupId : "beizeng-" + plan.planId();
        return InputStreams.fromKafka(env, plan, settings,
                new InputStreams.KafkaInput(bootstrapServers, topics(), group, bounded, clientProperties()));
    }
}
