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

import java.util.Collections;
import java.util.Map;
import java.util.Properties;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.core.fs.Path;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;

/**
 * The three parsed input streams, from Kafka ({@code run}) or JSON Lines files ({@code replay}). Records are parsed
 * inside the source and watermarks are generated there, per partition or file.
 */
public record InputStreams(
        DataStream<Received<ProductionEvent>> production,
        DataStream<Received<EnterpriseEvent>> enterprise,
        DataStream<Received<InvestmentEvent>> investment) {

    /** Kafka topics per source, consumer group, boundedness and extra client properties. */
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
                .setStartingOffsets(OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST))
                .setDeserializer(
                        new KafkaRecordParser<>(source, parser, type, settings.maxOutOfOrderness().toMillis()));
        if (kafka.bounded()) {
            builder.setBounded(OffsetsInitializer.latest());
        }
        return env.fromSource(builder.build(),
                        EventTimeWatermarks.forReceived(settings.maxOutOfOrderness(), settings.idleTimeout()),
                        source.id() + " (Kafka)", type)
                .uid(source.id() + "-source");
    }

    private static <E extends SourceEvent> DataStream<Received<E>> file(StreamExecutionEnvironment env,
            JobSettings settings, java.nio.file.Path dir, SourceTopic source, EventParser<E> parser,
            TypeInformation<Received<E>> type) {
        java.nio.file.Path file = dir.resolve(source.fileName());
        if (!Files.exists(file)) {
            // a missing file is an empty stream
            return env.fromData(Collections.<Received<E>>emptyList(), type)
                    .name(source.id() + " (no file)")
                    .uid(source.id() + "-source");
        }
        FileSource<Received<E>> files = FileSource
                .forRecordStreamFormat(
                        new JsonLinesFormat<>(source, parser, type, settings.maxOutOfOrderness().toMillis()),
                        new Path(file.toUri()))
                .build();
        return env.fromSource(files,
                        EventTimeWatermarks.forReceived(settings.maxOutOfOrderness(), settings.idleTimeout()),
                        source.id() + " (" + file.getFileName() + ")", type)
                .uid(source.id() + "-source");
    }
}
