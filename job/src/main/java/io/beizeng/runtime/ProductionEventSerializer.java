package io.beizeng.runtime;

import io.beizeng.model.Origin;
import io.beizeng.model.ProductionEvent;
import io.beizeng.model.ProductionKind;
import io.beizeng.model.SourceTopic;
import java.io.IOException;
import java.math.BigDecimal;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.BigDecSerializer;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Writes a production event field by field, its amounts as a count and the longs. Production events are nearly all
 * the records and cross two shuffles (to the dedupe buckets, then to their enterprise), where Flink's record
 * serializer, with its reflection, a null flag per field and a constructor call through an argument array, was a
 * measurable share of the job's time.
 *
 * <p>Only for records in flight: state that holds production events keeps Flink's record serializer, which evolves
 * with the record. Every reference field may be null.
 */
public final class ProductionEventSerializer extends TypeSerializerSingleton<ProductionEvent> {
    public static final ProductionEventSerializer INSTANCE = new ProductionEventSerializer();
    private static final ProductionKind[] KINDS = ProductionKind.values();
    private static final SourceTopic[] SOURCES = SourceTopic.values();

    @Override
    public boolean isImmutableType() {
        return true;
    }

    @Override
    public ProductionEvent createInstance() {
        return null;
    }

    @Override
    public ProductionEvent copy(ProductionEvent from) {
        return from;
    }

    @Override
    public ProductionEvent copy(ProductionEvent from, ProductionEvent reuse) {
        return from;
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public void serialize(ProductionEvent e, DataOutputView out) throws IOException {
        WireStrings.write(e.eventId(), out);
        WireStrings.write(e.enterpriseId(), out);
        out.writeLong(e.ts());
        out.writeByte(e.kind() == null ? -1 : e.kind().ordinal());
        long[] amounts = e.amounts();
        out.writeByte(amounts == null ? -1 : amounts.length);
        if (amounts != null) {
            for (long a : amounts) {
                out.writeLong(a);
            }
        }
        BigDecSerializer.INSTANCE.serialize(e.electricityKwh(), out);
        Origin origin = e.origin();
        if (origin == null) {
            out.writeByte(-2);
            return;
        }
        out.writeByte(origin.source() == null ? -1 : origin.source().ordinal());
        WireStrings.write(origin.position(), out);
        byte[] payload = origin.payload();
        out.writeInt(payload == null ? -1 : payload.length);
        if (payload != null) {
            out.write(payload);
        }
    }

    @Override
    public ProductionEvent deserialize(DataInputView in) throws IOException {
        String eventId = WireStrings.read(in);
        String enterpriseId = WireStrings.read(in);
        long ts = in.readLong();
        byte kind = in.readByte();
        int count = in.readByte();
        long[] amounts = null;
        if (count >= 0) {
            amounts = new long[count];
            for (int i = 0; i < count; i++) {
                amounts[i] = in.readLong();
            }
        }
        BigDecimal electricityKwh = BigDecSerializer.readBigDecimal(in);
        byte source = in.readByte();
        Origin origin = null;
        if (source != -2) {
            String position = WireStrings.read(in);
            int length = in.readInt();
            byte[] payload = null;
            if (length >= 0) {
                payload = new byte[length];
                in.readFully(payload);
            }
            origin = new Origin(source == -1 ? null : SOURCES[source], position, payload);
        }
        return new ProductionEvent(eventId, enterpriseId, ts, kind == -1 ? null : KINDS[kind], amounts,
                electricityKwh, origin);
    }

    @Override
    public ProductionEvent deserialize(ProductionEvent reuse, DataInputView in) throws IOException {
        return deserialize(in);
    }

    @Override
    public void copy(DataInputView in, DataOutputView out) throws IOException {
        serialize(deserialize(in), out);
    }

    @Override
    public TypeSerializerSnapshot<ProductionEvent> snapshotConfiguration() {
        return new Snapshot();
    }

    /** The serializer has no configuration; a change of format is a new version of this snapshot. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<ProductionEvent> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }
}
