package io.beizeng.runtime;

import io.beizeng.model.Admitted;
import io.beizeng.model.SourceEvent;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.CompositeTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/** An admitted event on its way to the dedupe: the event with its own serializer, then the source watermark. */
public final class AdmittedSerializer<E extends SourceEvent> extends TypeSerializer<Admitted<E>> {
    private final TypeSerializer<E> events;

    public AdmittedSerializer(TypeSerializer<E> events) {
        this.events = events;
    }

    @Override
    public boolean isImmutableType() {
        return events.isImmutableType();
    }

    @Override
    public TypeSerializer<Admitted<E>> duplicate() {
        TypeSerializer<E> duplicate = events.duplicate();
        return duplicate == events ? this : new AdmittedSerializer<>(duplicate);
    }

    @Override
    public Admitted<E> createInstance() {
        return null;
    }

    @Override
    public Admitted<E> copy(Admitted<E> from) {
        return events.isImmutableType() ? from : new Admitted<>(events.copy(from.event()), from.sourceWatermark());
    }

    @Override
    public Admitted<E> copy(Admitted<E> from, Admitted<E> reuse) {
        return copy(from);
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public void serialize(Admitted<E> record, DataOutputView out) throws IOException {
        events.serialize(record.event(), out);
        out.writeLong(record.sourceWatermark());
    }

    @Override
    public Admitted<E> deserialize(DataInputView in) throws IOException {
        E event = events.deserialize(in);
        return new Admitted<>(event, in.readLong());
    }

    @Override
    public Admitted<E> deserialize(Admitted<E> reuse, DataInputView in) throws IOException {
        return deserialize(in);
    }

    @Override
    public void copy(DataInputView in, DataOutputView out) throws IOException {
        events.copy(in, out);
        out.writeLong(in.readLong());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AdmittedSerializer<?> other && events.equals(other.events);
    }

    @Override
    public int hashCode() {
        return events.hashCode();
    }

    @Override
    public TypeSerializerSnapshot<Admitted<E>> snapshotConfiguration() {
        return new Snapshot<>(this);
    }

    /** Nests the event serializer's snapshot. */
    public static final class Snapshot<E extends SourceEvent>
            extends CompositeTypeSerializerSnapshot<Admitted<E>, AdmittedSerializer<E>> {
        public Snapshot() {}

        Snapshot(AdmittedSerializer<E> serializer) {
            super(serializer);
        }

        @Override
        protected int getCurrentOuterSnapshotVersion() {
            return 1;
        }

        @Override
        protected TypeSerializer<?>[] getNestedSerializers(AdmittedSerializer<E> outer) {
            return new TypeSerializer<?>[] {outer.events};
        }

        @Override
        @SuppressWarnings("unchecked")
        protected AdmittedSerializer<E> createOuterSerializerWithNestedSerializers(TypeSerializer<?>[] nested) {
            return new AdmittedSerializer<>((TypeSerializer<E>) nested[0]);
        }
    }
}
