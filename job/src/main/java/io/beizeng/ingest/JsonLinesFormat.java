package io.beizeng.ingest;

import io.beizeng.model.Origin;
import io.beizeng.model.Received;
import io.beizeng.model.SourceEvent;
import io.beizeng.model.SourceTopic;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.src.reader.SimpleStreamFormat;
import org.apache.flink.connector.file.src.reader.StreamFormat;
import org.apache.flink.core.fs.FSDataInputStream;

/**
 * Reads a JSON Lines file for {@code replay}: one record per line, position {@code file:line}. Lines are kept as
 * bytes (invalid UTF-8 is the parser's to reject). Blank lines are no records. Not splittable: line numbers are
 * counted from the start, also after a restore, where Flink re-reads and skips the records already emitted. The
 * file is one partition for {@link Admission}'s watermarks.
 */
public final class JsonLinesFormat<E extends SourceEvent> extends SimpleStreamFormat<Received<E>> {
    private final SourceTopic source;
    private final EventParser<E> parser;
    private final TypeInformation<Received<E>> type;

    public JsonLinesFormat(SourceTopic source, EventParser<E> parser, TypeInformation<Received<E>> type) {
        this.source = source;
        this.parser = parser;
        this.type = type;
    }

    @Override
    public StreamFormat.Reader<Received<E>> createReader(Configuration config, FSDataInputStream stream) {
        return new LineReader(stream);
    }

    @Override
    public TypeInformation<Received<E>> getProducedType() {
        return type;
    }

    private final class LineReader implements StreamFormat.Reader<Received<E>> {
        private final InputStream in;
        private final byte[] buffer = new byte[64 * 1024];
        private int pos;
        private int limit;
        private long lineNumber;
        private byte[] line = new byte[1024];

        LineReader(InputStream in) {
            this.in = in;
        }

        @Override
        public Received<E> read() throws IOException {
            while (true) {
                int length = nextLine();
                if (length < 0) {
                    return null;
                }
                lineNumber++;
                if (isBlank(line, length)) {
                    continue;
                }
                byte[] payload = Arrays.copyOf(line, length);
                return parser.parse(new Origin(source, source.fileName() + ":" + lineNumber, payload));
            }
        }

        /** Reads the next line into {@link #line}; returns its length without the line end, or -1 at the end. */
        private int nextLine() throws IOException {
            int length = 0;
            boolean any = false;
            while (true) {
                if (pos == limit) {
                    limit = in.read(buffer, 0, buffer.length);
                    pos = 0;
                    if (limit <= 0) {
                        limit = 0;
                        return any ? trimCarriageReturn(length) : -1;
                    }
                }
                any = true;
                byte b = buffer[pos++];
                if (b == '\n') {
                    return trimCarriageReturn(length);
                }
                if (length == line.length) {
                    line = Arrays.copyOf(line, line.length * 2);
                }
                line[length++] = b;
            }
        }

        private int trimCarriageReturn(int length) {
            return length > 0 && line[length - 1] == '\r' ? length - 1 : length;
        }

        private boolean isBlank(byte[] bytes, int length) {
            for (int i = 0; i < length; i++) {
                if (bytes[i] != ' ' && bytes[i] != '\t') {
                    return false;
                }
            }
            return true;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
