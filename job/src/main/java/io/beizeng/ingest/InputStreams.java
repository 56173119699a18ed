package io.beizeng.ingest;

import io.beizeng.config.JobSettings;
import io.beizeng.config.Plan;
import io.beizeng.model.EnterpriseEvent;
import io.beizeng.model.InvestmentEvent;
import io.beizeng.model.ProductionEvent;
import io.beizeng.model.Received;
import io.beizeng.model.SourceEvent;
import io.beizeng.model.SourceTopic;
import java.nio.file.Files;

import java.util.Map;
import java.util.Properties;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.core.fs.Path;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The three parsed input streams, from Kafka ({@code run}) or JSON Lines files ({@code replay}). Records are parsed
 * inside the source and watermarks are generated there, per partition or file.
 */
public record InputStreams(
        DataStream<Received<ProductionEvent>> production,
        DataStream<Received<EnterpriseEvent>> enterprise,
        DataStream<Received<InvestmentEvent>> investment) {

    /**
     * Kafka topics per source, consumer group, boundedness and extra client properties. The group's offsets are
     * committed at checkpoints for lag monitoring only: a start without restored state reads every topic from its
     * earliest offset (state and offsets restore together from a checkpoint or savepoint, or not at all).
     */
    public record KafkaInput(
            String bootstrapServers, Map<SourceTopic, String> topics, String groupId, boolean bounded,
            Properties clientProperties) {}

    public static InputStreams fromKafka(
            StreamExecutionEnvironment env, Plan plan, JobSettings settings, KafkaInput kafka) {
        EventTimeWatermarks.emitEvery(env, settings.watermarkIntervalMs());
        return new InputStreams(
                kafka(env, settings, kafka, SourceTopic.PRODUCTION, new ProductionEventParser(plan),
                        StreamTypes.RECEIVED_PRODUCTION),
                kafka(env, settings, kafka, SourceTopic.ENTERPRISE, new EnterpriseEventParser(plan),
                        StreamTypes.RECEIVED_ENTERPRISE),
                kafka(env, settings, kafka, SourceTopic.INVESTMENT, new InvestmentEventParser(plan),
                        StreamTypes.RECEIVED_INVESTMENT));
    }

    public static InputStreams fromFiles(
            StreamExecutionEnvironment env, Plan plan, JobSettings settings, java.nio.file.Path dir) {
        EventTimeWatermarks.emitEvery(env, settings.watermarkIntervalMs());
        return new InputStreams(
                file(env, settings, dir, SourceTopic.PRODUCTION, new ProductionEventParser(plan),
                        StreamTypes.RECEIVED_PRODUCTION),
                file(env, settings, dir, SourceTopic.ENTERPRISE, new EnterpriseEventParser(plan),
                        StreamTypes.RECEIVED_ENTERPRISE),
                file(env, settings, dir, SourceTopic.INVESTMENT, new InvestmentEventParser(plan),
                        StreamTypes.RECEIVED_INVESTMENT));
    }

    private static <E extends SourceEvent> DataStream<Received<E>> kafka(StreamExecutionEnvironment env,
            JobSettings settings, KafkaInput kafka, SourceTopic source, EventParser<E> parser,
            TypeInformation<Received<E>> type) {
        var builder = KafkaSource.<Received<E>>builder()
                .setBootstrapServers(kafka.bootstrapServers())
                .setTopics(kafka.topics().get(source))
                .setGroupId(kafka.groupId())
                .setProperties(kafka.clientProperties())
                .setProperty("client.id.prefix", kafka.groupId() + "-" + source.id())
                .setStartingOffsets(OffsetsInitializer.earliest())
                .setDeserializer(new KafkaRecordParser<>(source, parser, type));
        if (kafka.bounded()) {
            builder.setBounded(OffsetsInitializer.latest());
        }
        return env.fromSource(builder.build(),
                        EventTimeWatermarks.forReceived(settings.maxOutOfOrderness(), settings.idleTimeout()),
                        source.id() + " (Kafka)", type)
                .uid(source.id() + "-source");
    }

    /**
     * A missing file is an empty stream: a one-number sequence whose number is dropped. (Flink's sources of a
     * collection refuse an empty one, and the failure at start was retried for ever.) It ends at once, so it holds
     * back no watermark.
     */
    private static <E extends SourceEvent> DataStream<Received<E>> emptyStream(StreamExecutionEnvironment env,
            SourceTopic source, TypeInformation<Received<E>> type) {
        return env.fromSequence(0, 0).name(source.id() + " (no file)").uid(source.id() + "-source")
                .flatMap((Long n, org.apache.flink.util.Collector<Received<E>> out) -> { }, type)
                .name(source.id() + " (empty)").uid(source.id() + "-empty");
    }

    private static <E extends SourceEvent> DataStream<Received<E>> file(StreamExecutionEnvironment env,
            JobSettings settings, java.nio.file.Path dir, SourceTopic source, EventParser<E> parser,
            TypeInformation<Received<E>> type) {
        java.nio.file.Path file = dir.resolve(source.fileName());
        if (!Files.exists(file)) {
            return emptyStream(env, source, type);
        }
        FileSource<Received<E>> files = FileSource
                .forRecordStreamFormat(
                        new JsonLinesFormat<>(source, parser, type),
                        new Path(file.toUri()))
                .build();
        return env.fromSource(files,
                        EventTimeWatermarks.forReceived(settings.maxOutOfOrderness(), settings.idleTimeout()),
                        source.id() + " (" + file.getFileName() + ")", type)
                .uid(source.id() + "-source");
    }
}
