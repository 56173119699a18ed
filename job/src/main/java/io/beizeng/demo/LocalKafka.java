package io.beizeng.demo;

import io.beizeng.model.SourceTopic;
import io.beizeng.sink.AlertTopic;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;

/**
 * A real single-node Kafka broker (KRaft, broker and controller in one) as a child JVM from the classes on this
 * classpath, listening on loopback only. Its log goes to {@code kafka.log} in its directory. It can be stopped and
 * started again on the same ports and data (a broker restart), and can require SASL/SCRAM-SHA-256 on its client
 * listener.
 */
public final class LocalKafka implements AutoCloseable {
    /** The SASL mechanism of a broker made with {@link #withScramUser}. */
    public static final String SCRAM_MECHANISM = "SCRAM-SHA-256";

    private final Path dir;
    private final int port = FreePort.find();
    private final int controllerPort = FreePort.find();
    private String scramUser;
    private String scramPassword;
    private boolean formatted;
    private Process process;

    public LocalKafka(Path dir) {
        this.dir = dir;
    }

    /** Clients must authenticate with SCRAM-SHA-256 as this user (created when the storage is formatted). */
    public LocalKafka withScramUser(String user, String password) {
        this.scramUser = user;
        this.scramPassword = password;
        return this;
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    public long pid() {
        return process == null ? -1 : process.pid();
    }

    public boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** The client properties that authenticate as the SCRAM user (empty for a plaintext broker). */
    public Properties clientSecurity() {
        Properties p = new Properties();
        if (scramUser != null) {
            p.setProperty("security.protocol", "SASL_PLAINTEXT");
            p.setProperty("sasl.mechanism", SCRAM_MECHANISM);
            p.setProperty("sasl.jaas.config", jaas(scramUser, scramPassword));
        }
        return p;
    }

    /** Starts the broker and creates the job's topics with this many partitions each (the alert topic has one). */
    public void start(int partitions) throws Exception {
        start();
        List<NewTopic> topics = new ArrayList<>();
        for (SourceTopic t : SourceTopic.values()) {
            topics.add(new NewTopic(t.defaultTopic(), partitions, (short) 1));
        }
        topics.add(new NewTopic(AlertTopic.DEFAULT_TOPIC, 1, (short) 1));
        try (Admin admin = admin()) {
            admin.createTopics(topics).all().get(60, TimeUnit.SECONDS);
        }
    }

    /** Starts the broker (formatting its storage the first time) and waits until it answers. */
    public void start() throws Exception {
        if (isRunning()) {
            return;
        }
        Files.createDirectories(dir);
        Path config = dir.resolve("server.properties");
        Path log = dir.resolve("kafka.log");
        if (!formatted) {
            Files.writeString(config, serverProperties());
            List<String> format = new ArrayList<>(List.of("format", "-t", Uuid.randomUuid().toString(), "-c",
                    config.toString()));
            if (scramUser != null) {
                format.addAll(List.of("--add-scram",
                        SCRAM_MECHANISM + "=[name=" + scramUser + ",password=" + scramPassword + "]"));
            }
            Process p = java("kafka.tools.StorageTool", format).redirectOutput(log.toFile())
                    .redirectErrorStream(true).start();
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IllegalStateException("Kafka storage format failed; see " + log);
            }
            formatted = true;
        }
        process = java("kafka.Kafka", List.of(config.toString()))
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).redirectErrorStream(true).start();
        try (Admin admin = admin()) {
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (true) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("Kafka exited at start; see " + log);
                }
                try {
                    admin.describeCluster().nodes().get(5, TimeUnit.SECONDS);
                    return;
                } catch (Exception e) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("Kafka did not start in 60 s; see " + log);
                    }
                    Thread.sleep(200);
                }
            }
        }
    }

    /** Stops the broker gracefully (SIGTERM), keeping its data for a later {@link #start()}. */
    public void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    /** An admin client that authenticates as the broker requires. */
    public Admin admin() {
        Properties p = clientSecurity();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 60_000);
        return Admin.create(p);
    }

    private String serverProperties() {
        String client = scramUser == null ? "PLAINTEXT" : "SASL_PLAINTEXT";
        List<String> lines = new ArrayList<>(List.of(
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@127.0.0.1:" + controllerPort,
                "listeners=" + client + "://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
                "advertised.listeners=" + client + "://127.0.0.1:" + port,
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=" + client,
                "listener.security.protocol.map=" + client + ":" + client + ",CONTROLLER:PLAINTEXT",
                "log.dirs=" + dir.resolve("data"),
                "offsets.topic.replication.factor=1",
                "offsets.topic.num.partitions=4",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "group.initial.rebalance.delay.ms=0",
                "auto.create.topics.enable=false"));
        if (scramUser != null) {
            // the broker talks to itself as the same SCRAM user
            lines.add("sasl.enabled.mechanisms=" + SCRAM_MECHANISM);
            lines.add("sasl.mechanism.inter.broker.protocol=" + SCRAM_MECHANISM);
            lines.add("listener.name.sasl_plaintext." + SCRAM_MECHANISM.toLowerCase() + ".sasl.jaas.config="
                    + jaas(scramUser, scramPassword));
        }
        return String.join("\n", lines) + "\n";
    }

    private static String jaas(String user, String password) {
        return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + user
                + "\" password=\"" + password + "\";";
    }

    private static ProcessBuilder java(String mainClass, List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.add("-Xmx512m");
        command.add("-XX:+UseSerialGC");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass);
        command.addAll(args);
        return new ProcessBuilder(command);
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }
}
