package io.beizeng.runtime;

import java.util.Objects;
import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;

/**
 * Type information of a stream whose records cross the network with a hand-written serializer (see
 * {@link ProductionEventSerializer}); an atomic type to Flink, so it is neither a key nor a POJO with fields.
 */
public final class WireTypeInfo<T> extends TypeInformation<T> {
    private final Class<T> typeClass;
    private final TypeSerializer<T> serializer;

    public WireTypeInfo(Class<T> typeClass, TypeSerializer<T> serializer) {
        this.typeClass = typeClass;
        this.serializer = serializer;
    }

    @Override
    public boolean isBasicType() {
        return false;
    }

    @Override
    public boolean isTupleType() {
        return false;
    }

    @Override
    public int getArity() {
        return 1;
    }

    @Override
    public int getTotalFields() {
        return 1;
    }

    @Override
    public Class<T> getTypeClass() {
        return typeClass;
    }

    @Override
    public boolean isKeyType() {
        return false;
    }

    @Override
    public TypeSerializer<T> createSerializer(SerializerConfig config) {
        return serializer.duplicate();
    }

    @Override
    public String toString() {
        return typeClass.getSimpleName() + " (" + serializer.getClass().getSimpleName() + ")";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WireTypeInfo<?> other && other.canEqual(this) && typeClass.equals(other.typeClass)
                && serializer.equals(other.serializer);
    }

    @Override
    public int hashCode() {
        return Objects.hash(typeClass, serializer);
    }

    @Override
    public boolean canEqual(Object o) {
        return o instanceof WireTypeInfo;
    }
}
