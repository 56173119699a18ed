package io.beizeng.runtime;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * The dedupe's state, in checkpoints: the number of ids unexpired at the table's latest watermark (the others may
 * be forgotten at any time, see {@link SeenIds}), then per id the id ({@link WireStrings}: one block, any string
 * reads back equal, lone surrogates included), its fingerprint and its expiry. Each id is written as one block:
 * Flink's string serializer writes character by character, which would be most of a checkpoint's time.
 *
 * <p>The first format (snapshot version 3) wrote ids as UTF-8, which turns a lone surrogate into '?': two such ids
 * could come back as one. Such state still restores ({@link #UTF8_IDS} reads it; Flink migrates it to this format).
 */
public final class SeenIdsSerializer extends TypeSerializer<SeenIds> {
    public static final SeenIdsSerializer INSTANCE = new SeenIdsSerializer(IdFormat.WIRE_STRINGS);
    /** Reads (and writes) the first format, ids as UTF-8. */
    public static final SeenIdsSerializer UTF8_IDS = new SeenIdsSerializer(IdFormat.UTF8);

    /** How ids are written. The snapshot records it, so a restore reads ids as they were written. */
    enum IdFormat { UTF8, WIRE_STRINGS }

    private final IdFormat format;

    private SeenIdsSerializer(IdFormat format) {
        this.format = format;
    }

    public static SeenIdsSerializer of(IdFormat format) {
        return format == IdFormat.UTF8 ? UTF8_IDS : INSTANCE;
    }

    @Override
    public boolean isImmutableType() {
        return false;
    }

    @Override
    public TypeSerializer<SeenIds> duplicate() {
        return this;
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
        out.writeInt(seen.unexpiredCount());
        seen.forEachUnexpired((encoded, at, fingerprint, expiresAt) -> {
            if (format == IdFormat.WIRE_STRINGS) {
                // the table holds its ids in this very form
                out.write(encoded, at, WireStrings.sizeAt(encoded, at));
            } else {
                byte[] utf8 = WireStrings.decodeAt(encoded, at).getBytes(StandardCharsets.UTF_8);
                WireStrings.writeCount(utf8.length, out);
                out.write(utf8);
            }
            out.writeLong(fingerprint);
            out.writeLong(expiresAt);
        });
    }

    @Override
    public SeenIds deserialize(DataInputView in) throws IOException {
        int count = in.readInt();
        SeenIds seen = SeenIds.withRoomFor(count);
        for (int i = 0; i < count; i++) {
            seen.put(readId(in), in.readLong(), in.readLong());
        }
        return seen;
    }

    private String readId(DataInputView in) throws IOException {
        if (format == IdFormat.WIRE_STRINGS) {
            String id = WireStrings.read(in);
            if (id == null) {
                throw new IOException("corrupt dedupe state: an id is null");
            }
            return id;
        }
        byte[] utf8 = new byte[WireStrings.readCount(in)];
        in.readFully(utf8);
        return new String(utf8, StandardCharsets.UTF_8);
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
    public boolean equals(Object o) {
        return o instanceof SeenIdsSerializer other && other.format == format;
    }

    @Override
    public int hashCode() {
        return format.hashCode();
    }

    @Override
    public TypeSerializerSnapshot<SeenIds> snapshotConfiguration() {
        return new Snapshot(format);
    }

    /**
     * Version 3 (the first format, a {@code SimpleTypeSerializerSnapshot} without payload): ids as UTF-8.
     * Version 4: the id format as one byte.
     */
    public static final class Snapshot implements TypeSerializerSnapshot<SeenIds> {
        private static final int UTF8_ONLY_VERSION = 3;
        private static final int CURRENT_VERSION = 4;

        private IdFormat format;

        /** For Flink, which reads the format next. */
        public Snapshot() {
            this(IdFormat.WIRE_STRINGS);
        }

        Snapshot(IdFormat format) {
            this.format = format;
        }

        @Override
        public int getCurrentVersion() {
            return CURRENT_VERSION;
        }

        @Override
        public void writeSnapshot(DataOutputView out) throws IOException {
            out.writeByte(format.ordinal());
        }

        @Override
        public void readSnapshot(int readVersion, DataInputView in, ClassLoader classLoader) throws IOException {
            if (readVersion == UTF8_ONLY_VERSION) {
                format = IdFormat.UTF8;
            } else if (readVersion == CURRENT_VERSION) {
                int ordinal = in.readUnsignedByte();
                if (ordinal >= IdFormat.values().length) {
                    throw new IOException("unknown id format " + ordinal + " in a dedupe state snapshot");
                }
                format = IdFormat.values()[ordinal];
            } else {
                throw new IOException("unknown version " + readVersion + " of the dedupe state's snapshot");
            }
        }

        @Override
        public TypeSerializer<SeenIds> restoreSerializer() {
            return of(format);
        }

        @Override
        public TypeSerializerSchemaCompatibility<SeenIds> resolveSchemaCompatibility(
                TypeSerializerSnapshot<SeenIds> oldSnapshot) {
            if (!(oldSnapshot instanceof Snapshot old)) {
                return TypeSerializerSchemaCompatibility.incompatible();
            }
            return old.format == format
                    ? TypeSerializerSchemaCompatibility.compatibleAsIs()
                    : TypeSerializerSchemaCompatibility.compatibleAfterMigration();
        }
    }
}
