package io.beizeng.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * A sink that keeps every element it receives, in arrival order, where the test that made it can read them: for
 * pipeline tests in the JVM of their mini cluster, where the database is not the point. Elements arrive as written,
 * before any checkpoint: a run with a failure would see some twice.
 */
public final class CollectingSink<T> implements Sink<T> {
    private static final Map<String, Queue<Object>> RECEIVED = new ConcurrentHashMap<>();

    private final String id = UUID.randomUUID().toString();

    public CollectingSink() {
        RECEIVED.put(id, new ConcurrentLinkedQueue<>());
    }

    @Override
    public SinkWriter<T> createWriter(WriterInitContext context) {
        Queue<Object> into = RECEIVED.get(id);
        return new SinkWriter<>() {
            @Override
            public void write(T element, Context context) {
                into.add(element);
            }

            @Override
            public void flush(boolean endOfInput) {}

            @Override
            public void close() {}
        };
    }

    /** What the sink received so far, in arrival order. */
    @SuppressWarnings("unchecked")
    public List<T> received() {
        List<T> all = new ArrayList<>();
        for (Object o : RECEIVED.get(id)) {
            all.add((T) o);
        }
        return all;
    }
}
