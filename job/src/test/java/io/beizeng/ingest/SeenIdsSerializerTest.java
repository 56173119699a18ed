package io.beizeng.ingest;

import org.apache.flink.api.common.typeutils.SerializerTestBase;
import org.apache.flink.api.common.typeutils.TypeSerializer;

/**
 * Flink's own serializer checks on id tables: empty, one id, non-ASCII ids, ids whose lengths take one to three
 * bytes, many ids.
 */
class SeenIdsSerializerTest extends SerializerTestBase<SeenIds> {
    @Override
    protected TypeSerializer<SeenIds> createSerializer() {
        return new SeenIdsSerializer();
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
}
