package io.beizeng.runtime;

import io.beizeng.model.Admitted;
import io.beizeng.model.ProductionEvent;
import org.apache.flink.api.common.typeutils.SerializerTestBase;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.testutils.DeeplyEqualsChecker;

/** Flink's own serializer checks on admitted production events, the event's serializer nested. */
class AdmittedSerializerTest extends SerializerTestBase<Admitted<ProductionEvent>> {
    AdmittedSerializerTest() {
        super(new DeeplyEqualsChecker().withCustomCheck((a, b) -> a instanceof Admitted && b instanceof Admitted,
                (a, b, checker) -> ((Admitted<?>) a).sourceWatermark() == ((Admitted<?>) b).sourceWatermark()
                        && ProductionEventSerializerTest.sameEvent((ProductionEvent) ((Admitted<?>) a).event(),
                                (ProductionEvent) ((Admitted<?>) b).event())));
    }

    @Override
    protected TypeSerializer<Admitted<ProductionEvent>> createSerializer() {
        return new AdmittedSerializer<>(ProductionEventSerializer.INSTANCE);
    }

    @Override
    protected boolean allowNullInstances(TypeSerializer<Admitted<ProductionEvent>> serializer) {
        return true;
    }

    @Override
    protected int getLength() {
        return -1;
    }

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    protected Class<Admitted<ProductionEvent>> getTypeClass() {
        return (Class) Admitted.class;
    }

    @Override
    @SuppressWarnings("unchecked")
    protected Admitted<ProductionEvent>[] getTestData() {
        ProductionEvent[] events = ProductionEventSerializerTest.events();
        long[] watermarks = {Long.MIN_VALUE, 0, 1_700_000_000_000L, Long.MAX_VALUE, -1};
        Admitted<ProductionEvent>[] admitted = new Admitted[events.length];
        for (int i = 0; i < events.length; i++) {
            admitted[i] = new Admitted<>(events[i], watermarks[i % watermarks.length]);
        }
        return admitted;
    }
}
