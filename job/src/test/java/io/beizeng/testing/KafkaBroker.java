package io.beizeng.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.apache.kafka.metadata.bootstrap.BootstrapMetadata;
import org.apache.kafka.server.common.Feature;
import org.apache.kafka.server.common.MetadataVersion;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real single-node Apache Kafka broker (KRaft, combined broker + controller) running inside the test JVM,
 * built on {@link KafkaClusterTestKit} from {@code org.apache.kafka:kafka-test-common-runtime}.
 *
 * <p>Use it as a JUnit 5 extension on a static field; the broker starts before the first test of the class
 * and is shut down (and its log directories deleted) after the last one:
 *
 * <pre>{@code
 * @RegisterExtension
 * static final KafkaBroker KAFKA = new KafkaBroker();
 * }</pre>
 *
 * <p>It can also be driven by hand with {@link #start()} and {@link #close()}.
 *
 * <p>Broker settings: replication factor 1 for the internal topics, no initial rebalance delay, records up to
 * {@link #MAX_MESSAGE_BYTES} (16 MiB), transactions up to one hour (Flink's default Kafka transaction timeout),
 * the latest production metadata version with unstable features and APIs switched off. Both listeners are
 * bound to {@code localhost} on free ephemeral ports, and the data lives in a fresh directory under
 * {@code java.io.tmpdir}.
 */
public final class KafkaBroker implements BeforeAllCallback, AfterAllCallback, AutoCloseable {

    /** Largest record (batch) the broker, the replica fetcher and {@link #produce} producer accept: 16 MiB. */
    public static final int MAX_MESSAGE_BYTES = 16 * 1024 * 1024;

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    /**
     * One record for {@link #produceAll}: {@code partition} may be {@code null} (the default partitioner then
     * picks one from the key), {@code timestamp} may be {@code null} (the producer's clock is used).
     */
    public record KeyedRecord(Integer partition, String key, byte[] value, Long timestamp) {
        public KeyedRecord {
            if (partition != null && partition < 0) {
                throw new IllegalArgumentException("partition must be >= 0: " + partition);
            }
        }

        public static KeyedRecord of(String key, byte[] value) {
            return new KeyedRecord(null, key, value, null);
        }

        public static KeyedRecord of(int partition, String key, byte[] value) {
            return new KeyedRecord(partition, key, value, null);
        }

        public static KeyedRecord of(int partition, String key, byte[] value, long timestamp) {
            return new KeyedRecord(partition, key, value, timestamp);
        }
    }

    private final Map<String, Object> extraBrokerProps = new LinkedHashMap<>();

    private KafkaClusterTestKit cluster;
    private Path baseDirectory;
    private String bootstrapServers;
    private Admin admin;
    private KafkaProducer<String, byte[]> producer;
    private String ownerContextId;
    private Duration startupTime;
    private boolean boundToLoopbackOnly;

    public KafkaBroker() {
    }

    /** Adds or overrides a broker configuration property; only before {@link #start()}. */
    public KafkaBroker withBrokerProperty(String key, Object value) {
        if (cluster != null) {
            throw new IllegalStateException("the broker is already running");
        }
        extraBrokerProps.put(Objects.requireNonNull(key), Objects.requireNonNull(value));
        return this;
    }

    // ---------------------------------------------------------------- JUnit

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        // A static extension is also seen by @Nested classes; only the class that started the broker stops it.
        if (cluster == null) {
            start();
            ownerContextId = context.getUniqueId();
        }
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (context.getUniqueId().equals(ownerContextId)) {
            ownerContextId = null;
            close();
        }
    }

    // ---------------------------------------------------------------- lifecycle

    /** Formats and starts the broker and waits until it is ready. Does nothing when already running. */
    public synchronized void start() throws Exception {
        if (cluster != null) {
            return;
        }
        quietenServerLoggers();
        long t0 = System.nanoTime();
        baseDirectory = Files.createTempDirectory(tmpDir(), "kafka-");
        try {
            MetadataVersion metadataVersion = MetadataVersion.latestProduction();
            Map<String, Short> features = new HashMap<>();
            for (Feature feature : Feature.PRODUCTION_FEATURES) {
                features.put(feature.featureName(), feature.defaultLevel(metadataVersion));
            }
            TestKitNodes nodes = new TestKitNodes.Builder(
                    BootstrapMetadata.fromVersions(metadataVersion, features, "beizeng-test"))
                    .setCombined(true)
                    .setNumBrokerNodes(1)
                    .setNumControllerNodes(1)
                    .setBaseDirectory(baseDirectory)
                    .build();
            KafkaClusterTestKit.Builder builder = new KafkaClusterTestKit.Builder(nodes)
                    .setConfigProp("offsets.topic.replication.factor", "1")
                    .setConfigProp("offsets.topic.num.partitions", "4")
                    .setConfigProp("transaction.state.log.replication.factor", "1")
                    .setConfigProp("transaction.state.log.min.isr", "1")
                    .setConfigProp("transaction.state.log.num.partitions", "4")
                    .setConfigProp("transaction.max.timeout.ms", Long.toString(TimeUnit.HOURS.toMillis(1)))
                    .setConfigProp("group.initial.rebalance.delay.ms", "0")
                    .setConfigProp("message.max.bytes", Integer.toString(MAX_MESSAGE_BYTES))
                    .setConfigProp("replica.fetch.max.bytes", Integer.toString(MAX_MESSAGE_BYTES))
                    .setConfigProp("replica.fetch.response.max.bytes", Integer.toString(2 * MAX_MESSAGE_BYTES))
                    .setConfigProp("unstable.api.versions.enable", "false")
                    .setConfigProp("unstable.feature.versions.enable", "false");
            extraBrokerProps.forEach(builder::setConfigProp);
            cluster = builder.build();
            boundToLoopbackOnly = rebindPreboundSocketsToListenerHost(cluster);
            formatQuietly(cluster);
            cluster.startup();
            cluster.waitForReadyBrokers();
            bootstrapServers = cluster.bootstrapServers();
        } catch (Throwable e) {
            try {
                close();
            } catch (Throwable suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
        startupTime = Duration.ofNanos(System.nanoTime() - t0);
        System.out.printf("KafkaBroker: started in %d ms at %s%s%n", startupTime.toMillis(), bootstrapServers,
                boundToLoopbackOnly ? "" : " (WARNING: listeners bound to the wildcard address)");
    }

    /** Closes the clients, shuts the broker down and deletes its directories. Safe to call more than once. */
    @Override
    public synchronized void close() throws Exception {
        Exception failure = null;
        if (producer != null) {
            try {
                producer.close(Duration.ofSeconds(10));
            } catch (Exception e) {
                failure = e;
            }
            producer = null;
        }
        if (admin != null) {
            try {
                admin.close(Duration.ofSeconds(10));
            } catch (Exception e) {
                failure = addTo(failure, e);
            }
            admin = null;
        }
        if (cluster != null) {
            try {
                // also rethrows the first error a broker/controller fault handler caught while running
                cluster.close();
            } catch (Exception e) {
                failure = addTo(failure, e);
            }
            cluster = null;
        }
        if (baseDirectory != null) {
            try {
                deleteRecursively(baseDirectory);
            } catch (IOException e) {
                failure = addTo(failure, e);
            }
            baseDirectory = null;
        }
        bootstrapServers = null;
        if (failure != null) {
            throw failure;
        }
    }

    public synchronized boolean isRunning() {
        return cluster != null;
    }

    /** How long the last {@link #start()} took (directory, format, start-up, ready). */
    public Duration startupTime() {
        return startupTime;
    }

    // ---------------------------------------------------------------- connection details

    /** {@code localhost:<port>} of the broker's client listener. */
    public synchronized String bootstrapServers() {
        requireRunning();
        return bootstrapServers;
    }

    /** Base properties for a {@code KafkaConsumer<String, byte[]>} reading from the earliest offset. */
    public Map<String, Object> consumerProperties(String groupId) {
        Map<String, Object> props = new HashMap<>();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        return props;
    }

    /**
     * Settings of every producer the tests use, on this broker or any other: acks=all, idempotent, one request in
     * flight, 16 MiB requests. One request in flight because a partition created a moment ago can answer a
     * producer's first batch NOT_LEADER_OR_FOLLOWER and then accept its second, which was already on the way; the
     * broker then refuses the first one's retry for good (OutOfOrderSequenceException, "0 (incoming seq. number)")
     * and the send times out. Seen with this broker and with a {@code LocalKafka} child broker.
     */
    public static Map<String, Object> producerSettings(String bootstrapServers) {
        Map<String, Object> props = new HashMap<>();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
        props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, MAX_MESSAGE_BYTES);
        props.put(ProducerConfig.BUFFER_MEMORY_CONFIG, 4L * MAX_MESSAGE_BYTES);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return props;
    }

    /** A shared admin client, closed with the broker. */
    public synchronized Admin admin() {
        requireRunning();
        if (admin == null) {
            admin = Admin.create(Map.of(
                    AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                    AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis()));
        }
        return admin;
    }

    // ---------------------------------------------------------------- topics

    /** Creates a topic with replication factor 1 and waits until every partition has a leader. */
    public void createTopic(String name, int partitions) {
        createTopic(name, partitions, Map.of());
    }

    /** Creates a topic with replication factor 1 and the given topic configs, and waits until it is usable. */
    public void createTopic(String name, int partitions, Map<String, String> topicConfigs) {
        NewTopic topic = new NewTopic(name, partitions, (short) 1).configs(topicConfigs);
        await(admin().createTopics(List.of(topic)).all(), "create topic " + name);
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (true) {
            try {
                TopicDescription description =
                        await(admin().describeTopics(List.of(name)).allTopicNames(), "describe topic " + name)
                                .get(name);
                if (description.partitions().size() == partitions
                        && description.partitions().stream().allMatch(p -> p.leader() != null && !p.leader().isEmpty())) {
                    return;
                }
            } catch (KafkaOperationException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                    throw e;
                }
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("topic " + name + " did not become ready within " + TIMEOUT);
            }
            sleep(20);
        }
    }

    /**
     * Records of these topics not yet committed by a consumer group (the Flink Kafka source commits at each
     * checkpoint): the sum over their partitions of end offset minus committed offset.
     */
    public long consumerLag(String group, Collection<String> topics) {
        Map<org.apache.kafka.common.TopicPartition, org.apache.kafka.clients.consumer.OffsetAndMetadata> committed =
                await(admin().listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata(), "offsets of " + group);
        Map<org.apache.kafka.common.TopicPartition, org.apache.kafka.clients.admin.OffsetSpec> ends =
                new java.util.HashMap<>();
        for (TopicDescription d : await(admin().describeTopics(topics).allTopicNames(), "describe topics").values()) {
            d.partitions().forEach(p -> ends.put(new org.apache.kafka.common.TopicPartition(d.name(), p.partition()),
                    org.apache.kafka.clients.admin.OffsetSpec.latest()));
        }
        long lag = 0;
        for (var end : await(admin().listOffsets(ends).all(), "end offsets").entrySet()) {
            var at = committed.get(end.getKey());
            lag += end.getValue().offset() - (at == null ? 0 : at.offset());
        }
        return lag;
    }

    /** Deletes topics (missing ones are an error) and waits until they are gone from the metadata. */
    public void deleteTopics(String... names) {
        List<String> topics = Arrays.asList(names);
        await(admin().deleteTopics(topics).all(), "delete topics " + topics);
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (true) {
            Set<String> existing = await(admin().listTopics().names(), "list topics");
            if (topics.stream().noneMatch(existing::contains)) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("topics " + topics + " were not deleted within " + TIMEOUT);
            }
            sleep(20);
        }
    }

    /** Names of the non-internal topics. */
    public Set<String> topics() {
        return await(admin().listTopics().names(), "list topics");
    }

    // ---------------------------------------------------------------- producing

    /** Sends one record to a given partition and returns once it is acknowledged by the broker. */
    public RecordMetadata produce(String topic, int partition, String key, byte[] value) {
        return produceAll(topic, List.of(KeyedRecord.of(partition, key, value))).get(0);
    }

    /**
     * Sends records in order through an acks=all producer with one request in flight (max.request.size 16 MiB), flushes it and
     * waits for every acknowledgement; the metadata comes back in the same order.
     */
    public List<RecordMetadata> produceAll(String topic, List<KeyedRecord> records) {
        List<ProducerRecord<String, byte[]>> producerRecords = new ArrayList<>(records.size());
        for (KeyedRecord r : records) {
            producerRecords.add(new ProducerRecord<>(topic, r.partition(), r.timestamp(), r.key(), r.value()));
        }
        return send(producerRecords);
    }

    /** The general form of {@link #produceAll}: any topics, headers, timestamps. */
    public List<RecordMetadata> send(Collection<ProducerRecord<String, byte[]>> records) {
        KafkaProducer<String, byte[]> p = producer();
        List<Future<RecordMetadata>> futures = new ArrayList<>(records.size());
        for (ProducerRecord<String, byte[]> record : records) {
            futures.add(p.send(record));
        }
        p.flush();
        List<RecordMetadata> result = new ArrayList<>(futures.size());
        for (Future<RecordMetadata> future : futures) {
            try {
                result.add(future.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
            } catch (ExecutionException e) {
                throw new KafkaOperationException("produce failed", e.getCause());
            } catch (TimeoutException e) {
                throw new KafkaOperationException("produce timed out", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new KafkaOperationException("interrupted while producing", e);
            }
        }
        return result;
    }

    private synchronized KafkaProducer<String, byte[]> producer() {
        requireRunning();
        if (producer == null) {
            Map<String, Object> props = producerSettings(bootstrapServers());
            props.put(ProducerConfig.CLIENT_ID_CONFIG, "kafka-broker-harness");
            producer = new KafkaProducer<>(props);
        }
        return producer;
    }

    // ---------------------------------------------------------------- internals

    /** Thrown for a failed or timed-out admin or produce call; the cause is Kafka's exception. */
    public static final class KafkaOperationException extends RuntimeException {
        KafkaOperationException(String message, Throwable cause) {
            super(message + ": " + cause, cause);
        }
    }

    private static <T> T await(KafkaFuture<T> future, String what) {
        try {
            return future.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new KafkaOperationException(what, e.getCause());
        } catch (TimeoutException e) {
            throw new KafkaOperationException(what + " timed out", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaOperationException(what + " interrupted", e);
        }
    }

    /**
     * KafkaClusterTestKit pre-binds every listener's socket on the wildcard address (0.0.0.0) before start-up, so
     * that the controller quorum can be configured with fixed ports. That would expose the broker on every
     * interface. The test kit's socket factory rebinds a listener that finds its pre-bound socket closed to the
     * listener's own host ({@code localhost}) and the same port, so we close those sockets before start-up.
     * This touches private fields of kafka-test-common-runtime 4.2.0; if they are not found the broker still
     * works, bound to the wildcard address, and {@code false} is returned.
     */
    @SuppressWarnings("unchecked")
    private static boolean rebindPreboundSocketsToListenerHost(KafkaClusterTestKit kit) {
        try {
            Field managerField = KafkaClusterTestKit.class.getDeclaredField("socketFactoryManager");
            managerField.setAccessible(true);
            Object manager = managerField.get(kit);
            Field socketsField = manager.getClass().getDeclaredField("sockets");
            socketsField.setAccessible(true);
            synchronized (manager) {
                Map<Integer, Map<String, ServerSocketChannel>> sockets =
                        (Map<Integer, Map<String, ServerSocketChannel>>) socketsField.get(manager);
                for (Map<String, ServerSocketChannel> byListener : sockets.values()) {
                    for (ServerSocketChannel channel : byListener.values()) {
                        if (channel.isOpen()
                                && ((InetSocketAddress) channel.getLocalAddress()).getAddress().isAnyLocalAddress()) {
                            channel.close();
                        }
                    }
                }
            }
            return true;
        } catch (ReflectiveOperationException | RuntimeException | IOException e) {
            System.err.println("KafkaBroker: could not rebind the test kit's listeners to localhost: " + e);
            return false;
        }
    }

    /**
     * Kafka's storage formatter prints two lines ("Bootstrap metadata: ..." and "Formatting ...") straight to
     * the {@code System.out} of the moment. Capture the output of the short format step and pass on anything else,
     * or everything if formatting fails.
     */
    private static void formatQuietly(KafkaClusterTestKit kit) throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        boolean formatted = false;
        synchronized (System.class) {
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        }
        try {
            kit.format();
            formatted = true;
        } finally {
            synchronized (System.class) {
                System.setOut(original);
            }
            for (String line : captured.toString(StandardCharsets.UTF_8).split("\\R")) {
                boolean formatterLine = line.startsWith("Bootstrap metadata:") || line.startsWith("Formatting ");
                if (!line.isEmpty() && (!formatted || !formatterLine)) {
                    original.println(line);
                }
            }
        }
    }

    private void requireRunning() {
        if (cluster == null || bootstrapServers == null) {
            throw new IllegalStateException("the Kafka broker is not running; register it with "
                    + "@RegisterExtension on a static field or call start()");
        }
    }

    private static Path tmpDir() throws IOException {
        Path dir = Paths.get(System.getProperty("java.io.tmpdir")).toAbsolutePath();
        Files.createDirectories(dir);
        return dir;
    }

    private static void deleteRecursively(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (var paths = Files.walk(root)) {
            List<Path> all = paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).collect(Collectors.toList());
            for (Path path : all) {
                Files.deleteIfExists(path);
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /**
     * The broker logs through SLF4J to Log4j 2. Whatever the test logging configuration says, keep the server's
     * own loggers at WARN or quieter (a more restrictive level, such as OFF, is left alone).
     */
    private static void quietenServerLoggers() {
        try {
            for (String name : List.of("kafka", "org.apache.kafka", "state.change.logger")) {
                org.apache.logging.log4j.Level current = org.apache.logging.log4j.LogManager.getLogger(name).getLevel();
                if (current.isLessSpecificThan(org.apache.logging.log4j.Level.WARN)) {
                    org.apache.logging.log4j.core.config.Configurator.setLevel(name, org.apache.logging.log4j.Level.WARN);
                }
            }
        } catch (LinkageError | RuntimeException e) {
            // another logging backend: leave it as configured
        }
    }

    private static Exception addTo(Exception first, Exception next) {
        if (first == null) {
            return next;
        }
        first.addSuppressed(next);
        return first;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
