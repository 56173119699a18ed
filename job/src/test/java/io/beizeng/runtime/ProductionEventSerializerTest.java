package io.beizeng.runtime;

import io.beizeng.model.Origin;
import io.beizeng.model.ProductionEvent;
import io.beizeng.model.ProductionKind;
import io.beizeng.model.SourceTopic;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import org.apache.flink.api.common.typeutils.SerializerTestBase;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.testutils.DeeplyEqualsChecker;

/**
 * Flink's own serializer checks (round trips one by one and in sequence, copies, snapshots and their restore,
 * Java serialization, duplicates) on events with every reference field null in turn, non-ASCII text, extreme
 * numbers and empty, missing and large payloads.
 */
class ProductionEventSerializerTest extends SerializerTestBase<ProductionEvent> {
    /** Records compare arrays by identity; an origin's payload is compared by content. */
    static final DeeplyEqualsChecker EVENTS_BY_CONTENT = new DeeplyEqualsChecker()
            .withCustomCheck((a, b) -> a instanceof ProductionEvent && b instanceof ProductionEvent,
                    (a, b, checker) -> sameEvent((ProductionEvent) a, (ProductionEvent) b));

    ProductionEventSerializerTest() {
        super(EVENTS_BY_CONTENT);
    }

    static boolean sameEvent(ProductionEvent a, ProductionEvent b) {
        return Objects.equals(a.eventId(), b.eventId()) && Objects.equals(a.enterpriseId(), b.enterpriseId())
                && a.ts() == b.ts() && a.kind() == b.kind() && Arrays.equals(a.amounts(), b.amounts())
                && Objects.equals(a.electricityKwh(), b.electricityKwh())
                && sameOrigin(a.origin(), b.origin());
    }

    private static boolean sameOrigin(Origin a, Origin b) {
        return a == null ? b == null
                : b != null && a.source() == b.source() && Objects.equals(a.position(), b.position())
                        && Arrays.equals(a.payload(), b.payload());
    }

    static ProductionEvent[] events() {
        byte[] large = new byte[70_000];
        Arrays.fill(large, (byte) '7');
        Origin kafka = new Origin(SourceTopic.PRODUCTION, "1:42",
                "{\"eventId\":\"e-1\",\"enterpriseId\":\"枣庄-01\"}".getBytes(StandardCharsets.UTF_8));
        return new ProductionEvent[] {
            new ProductionEvent("e-1", "ENT-0001", 1_700_000_000_000L, ProductionKind.OUTPUT,
                    new long[] {123_456_789L, 98_765L},
                    new BigDecimal("1234.567"), kafka),
            new ProductionEvent("e-2", "枣庄-滕州-0002", -1L, ProductionKind.ADJUSTMENT,
                    new long[] {-5L, Long.MIN_VALUE, 7L},
                    null, new Origin(SourceTopic.PRODUCTION, "file.jsonl:7", new byte[0])),
            new ProductionEvent("", "", Long.MAX_VALUE, null, new long[] {Long.MAX_VALUE, 0}, BigDecimal.ZERO, null),
            new ProductionEvent(null, null, 0, ProductionKind.OUTPUT, null,
                    new BigDecimal("-98765432109876543210.0123456789"), new Origin(null, null, null)),
            new ProductionEvent("e-5\u0000\uD83D\uDE00", "ENT-5", 86_400_000L, ProductionKind.OUTPUT, new long[0],
                    new BigDecimal("1E+30"), new Origin(SourceTopic.INVESTMENT, "0:0", large)),
            // a lone surrogate (JSON can carry one as an escape) and Latin-1 above ASCII
            new ProductionEvent("lone-\uDC00", "\u00e9\u00ff-" + "x".repeat(20_000), 1, ProductionKind.OUTPUT,
                    new long[] {1, 1},
                    null, new Origin(SourceTopic.PRODUCTION, "\uD800", null)),
        };
    }

    @Override
    protected TypeSerializer<ProductionEvent> createSerializer() {
        return new ProductionEventSerializer();
    }

    @Override
    protected boolean allowNullInstances(TypeSerializer<ProductionEvent> serializer) {
        return true;
    }

    @Override
    protected int getLength() {
        return -1;
    }

    @Override
    protected Class<ProductionEvent> getTypeClass() {
        return ProductionEvent.class;
    }

    @Override
    protected ProductionEvent[] getTestData() {
        return events();
    }
}
