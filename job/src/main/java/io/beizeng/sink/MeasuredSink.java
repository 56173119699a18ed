package io.beizeng.sink;

import java.io.IOException;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.connector.jdbc.core.datastream.sink.JdbcSink;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.runtime.metrics.DescriptiveStatisticsHistogram;

/**
 * A JDBC sink with metrics, under the group {@code beizeng.table=<table>}: {@code upserts} (rows handed to the
 * database) and {@code batchMs}, a histogram of the time taken by the writer's synchronous batch executions: the
 * flush at each checkpoint and at the end of input, and writes that ran a full batch. (Batches the connector flushes
 * on its own timer run on its thread and are not seen here.)
 *
 * <p>For at-least-once JDBC sinks only (idempotent upserts flushed at every checkpoint): their writer has neither
 * state nor committables, so this sink has no committer. (The connector's sink always declares one, and every such
 * committer, doing nothing, registered its metrics again at each checkpoint, a warning each.)
 */
final class MeasuredSink<IN> implements Sink<IN> {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(MeasuredSink.class);

    /** A write that took longer than this ran a batch against the database. */
    private static final long BATCH_NANOS = 1_000_000;

    private final JdbcSink<IN> delegate;
    private final String table;

    /** @param delegate an at-least-once JDBC sink */
    MeasuredSink(JdbcSink<IN> delegate, String table) {
        this.delegate = delegate;
        this.table = table;
    }

    @Override
    public SinkWriter<IN> createWriter(WriterInitContext context) throws IOException {
        return new Writer<>(delegate.createWriter(context), context.metricGroup(), table);
    }

    static final class Writer<IN> implements SinkWriter<IN> {
        private final org.apache.flink.connector.jdbc.core.datastream.sink.writer.JdbcWriter<IN> delegate;
        private final Counter upserts;
        private final Histogram batchMs;
        private final String table;

        Writer(org.apache.flink.connector.jdbc.core.datastream.sink.writer.JdbcWriter<IN> delegate, MetricGroup metrics,
                String table) {
            this.delegate = delegate;
            this.table = table;
            MetricGroup group = metrics.addGroup("beizeng").addGroup("table", table);
            this.upserts = group.counter("upserts");
            this.batchMs = group.histogram("batchMs", new DescriptiveStatisticsHistogram(500));
        }

        @Override
        public void write(IN element, Context context) throws IOException, InterruptedException {
            long start = System.nanoTime();
            delegate.write(element, context);
            upserts.inc();
            long took = System.nanoTime() - start;
            if (took > BATCH_NANOS) {
                batchMs.update(took / 1_000_000);
            }
        }

        @Override
        public void flush(boolean endOfInput) throws IOException, InterruptedException {
            long start = System.nanoTime();
            delegate.flush(endOfInput);
            batchMs.update((System.nanoTime() - start) / 1_000_000);
        }

        @Override
        public void writeWatermark(Watermark watermark) throws IOException, InterruptedException {
            delegate.writeWatermark(watermark);
        }

        /**
         * The connector flushes its pending batch on close and throws if the database is gone. Every row that must be
         * written has been flushed by then (at each checkpoint and at the end of input), so a close that fails only
         * follows a failure whose rows are replayed from the last checkpoint. Flink treats an exception thrown while
         * cleaning up a failed task as fatal and stops the whole TaskManager: log it instead.
         */
        @Override
        public void close() {
            try {
                delegate.close();
            } catch (VirtualMachineError e) {
                throw e;
            } catch (Throwable e) {
                // pgjdbc may even throw an AssertionError when its connection went away in the middle of a batch
                LOG.warn("Closing the {} writer failed; its unflushed rows are replayed from the last checkpoint: {}",
                        table, e.getCause() != null ? e.getCause().getMessage() : e.getMessage());
            }
        }
    }
}
