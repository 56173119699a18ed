package io.beizeng.generator;

import io.beizeng.model.SourceTopic;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;

/** Writes the generated streams as the JSON Lines files {@code replay} reads. */
public final class JsonLinesOutput implements EventGenerator.Output, AutoCloseable {
    private final Map<SourceTopic, OutputStream> files = new EnumMap<>(SourceTopic.class);

    public JsonLinesOutput(Path dir) throws IOException {
        Files.createDirectories(dir);
        for (SourceTopic t : SourceTopic.values()) {
            files.put(t, new BufferedOutputStream(Files.newOutputStream(dir.resolve(t.fileName())), 1 << 16));
        }
    }

    @Override
    public void emit(SourceTopic topic, String key, byte[] value) {
        try {
            OutputStream out = files.get(topic);
            // a record with a raw newline would split in two lines; JSON never needs one
            for (byte b : value) {
                out.write(b == '\n' ? ' ' : b);
            }
            out.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        for (OutputStream out : files.values()) {
            out.close();
        }
    }
}
