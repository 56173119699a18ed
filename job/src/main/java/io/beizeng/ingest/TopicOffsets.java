package io.beizeng.ingest;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;

/** The offsets of every partition of some topics, read with Kafka's admin client, each call bounded to 15 s. */
public final class TopicOffsets {
    private TopicOffsets() {}

    /** By partition, the offset {@code spec} names (earliest: the first record kept; latest: the next one). */
    public static Map<TopicPartition, Long> of(Admin admin, Collection<String> topics, OffsetSpec spec)
            throws InterruptedException, ExecutionException, TimeoutException {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        admin.describeTopics(topics).allTopicNames().get(15, TimeUnit.SECONDS).values().forEach(d -> d.partitions()
                .forEach(p -> request.put(new TopicPartition(d.name(), p.partition()), spec)));
        Map<TopicPartition, Long> offsets = new HashMap<>();
        admin.listOffsets(request).all().get(15, TimeUnit.SECONDS).forEach((tp, o) -> offsets.put(tp, o.offset()));
        return offsets;
    }
}
