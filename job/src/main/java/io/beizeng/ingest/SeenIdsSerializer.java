package io.beizeng.ingest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * The dedupe's state, in checkpoints: the number of ids, then per id its UTF-8 bytes (a variable-length count
 * first), its fingerprint and its expiry. Each id is written as one block; Flink's string serializer wrote it
 * character by character, which was most of the time a checkpoint took to write a million ids.
 */
public final class SeenIdsSerializer extends TypeSerializerSingleton<SeenIds> {
    public static final SeenIdsSerializer INSTANCE = new SeenIdsSerializer();

    @Override
    public boolean isImmutableType() {
        return false;
    }

    @Override
    public SeenIds createInstance() {
        return new SeenIds();
    }

    @Override
    public SeenIds copy(SeenIds from) {
        return from.copy();
    }

    @Override
    public SeenIds copy(SeenIds from, SeenIds reuse) {
        return from.copy();
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public void serialize(SeenIds seen, DataOutputView out) throws IOException {
        out.writeInt(seen.size());
        seen.forEach((id, fingerprint, expiresAt) -> {
            byte[] utf8 = id.getBytes(StandardCharsets.UTF_8);
            WireStrings.writeCount(utf8.length, out);
            out.write(utf8);
            out.writeLong(fingerprint);
            out.writeLong(expiresAt);
        });
    }

    @Override
    public SeenIds deserialize(DataInputView in) throws IOException {
        int count = in.readInt();
        SeenIds seen = SeenIds.withRoomFor(count);
        for (int i = 0; i < count; i++) {
            byte[] utf8 = new byte[WireStrings.readCount(in)];
            in.readFully(utf8);
            seen.put(new String(utf8, StandardCharsets.UTF_8), in.readLong(), in.readLong());
        }
        return seen;
    }

    @Override
    public SeenIds deserialize(SeenIds reuse, DataInputView in) throws IOException {
        return deserialize(in);
    }

    @Override
    public void copy(DataInputView in, DataOutputView out) throws IOException {
        serialize(deserialize(in), out);
    }

    @Override
    public TypeSerializerSnapshot<SeenIds> snapshotConfiguration() {
        return new Snapshot();
    }

    /** The serializer has no configuration; a change of format is a new version of this snapshot. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<SeenIds> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }
}
