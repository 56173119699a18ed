package io.beizeng.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.beizeng.config.Plan;
import io.beizeng.model.SourceTopic;
import io.beizeng.testing.MiniClusters;
import io.beizeng.testing.KafkaBroker;
import io.beizeng.testing.KafkaJob;
import io.beizeng.testing.PostgresServer;
import io.beizeng.testing.Reference;
import io.beizeng.testing.ResultTables;
import io.beizeng.testing.TestPlans;
import io.beizeng.testing.TestWorld;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.client.program.ClusterClient;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.test.junit5.InjectClusterClient;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Production events arrive live at a usual rate, then for a while at ten times that rate, then at the usual rate
 * again. The job is backpressured, does not fail, and its consumer lag drains; drained at the end (stop with a
 * savepoint that advances to the end of event time, as a bounded run ends), its tables equal the reference.
 */
class BurstIT {
    private static final int PARTITIONS = 2;
    private static final int USUAL_RATE = 4_000;

    @RegisterExtension
    static final KafkaBroker KAFKA = new KafkaBroker();

    @RegisterExtension
    static final PostgresServer POSTGRES = new PostgresServer();

    @RegisterExtension
    static final MiniClusterExtension FLINK = MiniClusters.twoSlots();

    @TempDir
    Path dir;

    @Test
    void aTenfoldBurstIsBackpressuredAndDrains(@InjectClusterClient ClusterClient<?> client) throws Exception {
        Plan plan = TestPlans.zaozhuang();
        TestWorld world = TestWorld.generate(plan, 81L, 1000);
        for (SourceTopic s : SourceTopic.values()) {
            KAFKA.createTopic(s.defaultTopic(), PARTITIONS);
        }
        KAFKA.createTopic(io.beizeng.sink.AlertTopic.DEFAULT_TOPIC, 1);
        String db = POSTGRES.createDatabase();
        JobClient job = KafkaJob.of(plan, KAFKA.bootstrapServers(), db, POSTGRES).group("burst")
                .updateInterval(Duration.ofMillis(500)).flushEvery(500).start("burst");
        try {
            String rest = client.getWebInterfaceURL();
            AtomicLong maxBackpressure = new AtomicLong();
            AtomicLong maxLag = new AtomicLong();
            Thread sampler = new Thread(() -> sample(rest, job.getJobID().toString(), maxBackpressure, maxLag));
            sampler.setDaemon(true);
            sampler.start();

            // the registry and investments first (as they would be known), then production: usual, ×10, usual
            List<TestWorld.Record> production = world.stream(SourceTopic.PRODUCTION);
            int n = production.size();
            try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers",
                    KAFKA.bootstrapServers(), "acks", "all", "linger.ms", 5), new StringSerializer(),
                    new ByteArraySerializer())) {
                send(producer, world.stream(SourceTopic.ENTERPRISE), 0, world.stream(SourceTopic.ENTERPRISE).size(), 0);
                send(producer, world.stream(SourceTopic.INVESTMENT), 0, world.stream(SourceTopic.INVESTMENT).size(), 0);
                send(producer, production, 0, n / 5, USUAL_RATE);
                send(producer, production, n / 5, n * 4 / 5, USUAL_RATE * 10);
                send(producer, production, n * 4 / 5, n, USUAL_RATE);
                producer.flush();
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            while (lag("burst") > 0) {
                assertThat(System.nanoTime()).as("the lag drains").isLessThan(deadline);
                assertThat(job.getJobStatus().get()).as("the job runs").hasToString("RUNNING");
                Thread.sleep(500);
            }
            sampler.interrupt();
            JsonNode exceptions = get(rest, "/jobs/" + job.getJobID() + "/exceptions");
            assertThat(exceptions.path("exceptionHistory").path("entries").size()).as("no failure").isZero();
            System.out.printf("BurstIT: %d production events, %d/s then %d/s; max consumer lag %d records, "
                    + "max source backpressure %d ms/s%n", n, USUAL_RATE, USUAL_RATE * 10, maxLag.get(),
                    maxBackpressure.get());
            assertThat(maxLag.get()).as("the burst built up a lag").isPositive();

            // end of input, as a bounded run ends: every month is closed
            job.stopWithSavepoint(true, dir.toUri().toString(), SavepointFormatType.CANONICAL)
                    .get(2, TimeUnit.MINUTES);
        } finally {
            if (!job.getJobStatus().get().isGloballyTerminalState()) {
                job.cancel().get(1, TimeUnit.MINUTES);
            }
        }
        ResultTables.read(db, POSTGRES.user(), POSTGRES.password(), plan.planId())
                .assertMatches(new Reference(plan, world, PARTITIONS));
    }

    /** Sends records [from, to) at this rate per second (0: as fast as possible). */
    private static void send(KafkaProducer<String, byte[]> producer, List<TestWorld.Record> records, int from, int to,
            int rate) throws InterruptedException {
        long start = System.nanoTime();
        for (int i = from; i < to; i++) {
            TestWorld.Record r = records.get(i);
            producer.send(new ProducerRecord<>(r.source().defaultTopic(), TestWorld.partition(r.key(), PARTITIONS),
                    r.key(), r.payload()));
            if (rate > 0 && (i - from) % 100 == 99) {
                long due = start + (long) ((i - from + 1) * 1e9 / rate);
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
            }
        }
    }

    private static long lag(String group) {
        return KAFKA.consumerLag(group, SourceTopic.defaultTopics().values());
    }

    private static void sample(String rest, String jobId, AtomicLong maxBackpressure, AtomicLong maxLag) {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                maxLag.accumulateAndGet(lag("burst"), Math::max);
                for (JsonNode vertex : get(rest, "/jobs/" + jobId).path("vertices")) {
                    if (vertex.path("name").asText().startsWith("Source: production")) {
                        JsonNode m = get(rest, "/jobs/" + jobId + "/vertices/" + vertex.path("id").asText()
                                + "/subtasks/metrics?get=backPressuredTimeMsPerSecond&agg=max");
                        if (m.size() > 0) {
                            maxBackpressure.accumulateAndGet((long) m.get(0).path("max").asDouble(), Math::max);
                        }
                    }
                }
                Thread.sleep(250);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            System.err.println("BurstIT: sampling stopped: " + e);
        }
    }

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode get(String rest, String path) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(rest + path))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(r.body());
    }
}
