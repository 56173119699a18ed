package io.beizeng.sink;

import java.io.IOException;
import java.util.Collection;
import java.util.List;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.connector.sink2.CommitterInitContext;
import org.apache.flink.api.connector.sink2.CommittingSinkWriter;
import org.apache.flink.api.connector.sink2.Committer;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.StatefulSinkWriter;
import org.apache.flink.api.connector.sink2.SupportsCommitter;
import org.apache.flink.api.connector.sink2.SupportsWriterState;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.connector.jdbc.core.datastream.sink.JdbcSink;
import org.apache.flink.connector.jdbc.core.datastream.sink.committer.JdbcCommitable;
import org.apache.flink.connector.jdbc.core.datastream.sink.writer.JdbcWriterState;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.runtime.metrics.DescriptiveStatisticsHistogram;

/**
 * A JDBC sink with metrics, under the group {@code beizeng.table=<table>}: {@code upserts} (rows handed to the
 * database) and {@code batchMs}, a histogram of the time taken by the writer's synchronous batch executions: the
 * flush at each checkpoint and at the end of input, and writes that ran a full batch. (Batches the connector flushes
 * on its own timer run on its thread and are not seen here.)
 */
final class MeasuredSink<IN>
        implements Sink<IN>, SupportsWriterState<IN, JdbcWriterState>, SupportsCommitter<JdbcCommitable> {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(MeasuredSink.class);

    /** A write that took longer than this ran a batch against the database. */
    private static final long BATCH_NANOS = 1_000_000;

    private final JdbcSink<IN> delegate;
    private final String table;

    MeasuredSink(JdbcSink<IN> delegate, String table) {
        this.delegate = delegate;
        this.table = table;
    }

    @Override
    public Writer<IN> createWriter(WriterInitContext context) throws IOException {
        return new Writer<>(delegate.createWriter(context), context.metricGroup(), table);
    }

    @Override
    public Writer<IN> restoreWriter(WriterInitContext context, Collection<JdbcWriterState> recoveredState)
            throws IOException {
        return new Writer<>(delegate.restoreWriter(context, recoveredState), context.metricGroup(), table);
    }

    @Override
    public SimpleVersionedSerializer<JdbcWriterState> getWriterStateSerializer() {
        return delegate.getWriterStateSerializer();
    }

    @Override
    public Committer<JdbcCommitable> createCommitter(CommitterInitContext context) throws IOException {
        return delegate.createCommitter(context);
    }

    @Override
    public SimpleVersionedSerializer<JdbcCommitable> getCommittableSerializer() {
        return delegate.getCommittableSerializer();
    }

    static final class Writer<IN>
            implements StatefulSinkWriter<IN, JdbcWriterState>, CommittingSinkWriter<IN, JdbcCommitable> {
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

        @Override
        public Collection<JdbcCommitable> prepareCommit() throws IOException, InterruptedException {
            return delegate.prepareCommit();
        }

        @Override
        public List<JdbcWriterState> snapshotState(long checkpointId) throws IOException {
            return delegate.snapshotState(checkpointId);
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
