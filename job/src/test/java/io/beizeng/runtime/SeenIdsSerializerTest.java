package io.beizeng.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.typeutils.SerializerTestBase;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

/**
 * Flink's own serializer checks on id tables: empty, one id, non-ASCII ids and lone surrogates, ids whose lengths
 * take one to three bytes, many ids.
 */
class SeenIdsSerializerTest extends SerializerTestBase<SeenIds> {
    @Override
    protected TypeSerializer<SeenIds> createSerializer() {
        return SeenIdsSerializer.INSTANCE;
    }

    @Override
    protected int getLength() {
        return -1;
    }

    @Override
    protected Class<SeenIds> getTypeClass() {
        return SeenIds.class;
    }

    @Override
    protected SeenIds[] getTestData() {
        SeenIds one = new SeenIds();
        one.put("e-1", 42, Long.MAX_VALUE);
        SeenIds unusual = new SeenIds();
        unusual.put("", Long.MIN_VALUE, Long.MIN_VALUE);
        unusual.put("枣庄-滕州-\uD83D\uDE00", -1, 0);
        // as UTF-8 both would read back as "lone ?"
        unusual.put("lone \uD800", 4, 4);
        unusual.put("lone \uDBFF", 5, 5);
        unusual.put("x".repeat(300), 1, 1);
        unusual.put("y".repeat(100), 2, 2);
        unusual.put("z".repeat(20_000), 3, 3);
        SeenIds many = new SeenIds();
        for (int i = 0; i < 1000; i++) {
            many.put("production-" + i, i * 31L, 1_700_000_000_000L + i);
        }
        many.removeExpired(1_700_000_000_499L);
        return new SeenIds[] {new SeenIds(), one, unusual, many};
    }

    /** Ids expired at the table's latest watermark may be forgotten at any time: a checkpoint does not keep them. */
    @Test
    void aCheckpointKeepsOnlyTheIdsUnexpiredAtTheLatestWatermark() throws Exception {
        SeenIds seen = new SeenIds();
        for (int i = 0; i < 100; i++) {
            seen.put("id-" + i, i, 100 + i);
        }
        // the watermark moves to 150: ids 0..50 have expired, and this add sweeps only a few of them
        seen.add("new", -1, 1_000, 150);
        assertThat(seen.size()).isGreaterThan(50);
        DataOutputSerializer out = new DataOutputSerializer(64);
        SeenIdsSerializer.INSTANCE.serialize(seen, out);
        SeenIds restored = SeenIdsSerializer.INSTANCE.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
        assertThat(restored.size()).isEqualTo(50);
        for (int i = 0; i < 100; i++) {
            int slot = restored.find("id-" + i);
            if (i <= 50) {
                assertThat(slot).as("id-" + i).isNegative();
            } else {
                assertThat(restored.fingerprintAt(slot)).isEqualTo(i);
                assertThat(restored.expiresAt(slot)).isEqualTo(100 + i);
            }
        }
        assertThat(restored.expiresAt(restored.find("new"))).isEqualTo(1_000);
    }

    /**
     * What builds up to 0e64037 wrote: their snapshot (the class name, version 3, no payload) and ids as UTF-8 with
     * a one-byte length, written here by hand.
     */
    @Test
    void readsTheSnapshotAndStateOfBuildsThatWroteIdsAsUtf8() throws Exception {
        TypeSerializerSnapshot<SeenIds> old = readSnapshotWithoutPayload(3);
        assertThat(SeenIdsSerializer.INSTANCE.snapshotConfiguration().resolveSchemaCompatibility(old)
                .isCompatibleAfterMigration()).isTrue();

        DataOutputSerializer state = new DataOutputSerializer(64);
        state.writeInt(2);
        for (String id : new String[] {"e-1", "枣庄"}) {
            byte[] utf8 = id.getBytes(StandardCharsets.UTF_8);
            state.writeByte(utf8.length);
            state.write(utf8);
            state.writeLong(id.length());
            state.writeLong(100 + id.length());
        }
        SeenIds ids = old.restoreSerializer().deserialize(new DataInputDeserializer(state.getCopyOfBuffer()));
        assertThat(ids.size()).isEqualTo(2);
        assertThat(ids.fingerprintAt(ids.find("e-1"))).isEqualTo(3);
        assertThat(ids.expiresAt(ids.find("枣庄"))).isEqualTo(102);
    }

    @Test
    void aSnapshotOfAnUnknownVersionIsRefused() throws Exception {
        assertThatThrownBy(() -> readSnapshotWithoutPayload(5))
                .isInstanceOf(IOException.class).hasMessageContaining("unknown version 5");
    }

    /** A snapshot as Flink writes it (class name, version, payload), of this version and with no payload. */
    private TypeSerializerSnapshot<SeenIds> readSnapshotWithoutPayload(int version) throws IOException {
        DataOutputSerializer snapshot = new DataOutputSerializer(64);
        snapshot.writeUTF(SeenIdsSerializer.Snapshot.class.getName());
        snapshot.writeInt(version);
        return TypeSerializerSnapshot.readVersionedSnapshot(
                new DataInputDeserializer(snapshot.getCopyOfBuffer()), getClass().getClassLoader());
    }
}
