package io.beizeng.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.beizeng.model.RejectReason;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The known fields by position: found whatever the name's instance, unknown ones skipped, repeats rejected. */
class JsonFieldsTest {
    private static final String[] KNOWN = JsonFields.knownNames(Set.of("id", "amount", "flag", "note"));

    private static JsonFields read(String json) throws InvalidRecordException {
        return JsonFields.read(json.getBytes(StandardCharsets.UTF_8), KNOWN);
    }

    @Test
    void readsKnownFieldsAndSkipsOthers() throws Exception {
        JsonFields f = read("{\"extra\":{\"id\":\"nested\"},\"id\":\"e-1\",\"amount\":12.50,\"flag\":true,"
                + "\"more\":[1,2]}");
        assertThat(f.string("id", 1, 10)).isEqualTo("e-1");
        // a name built at run time is not the interned instance: found by equality
        assertThat(f.string(new String("id".toCharArray()), 1, 10)).isEqualTo("e-1");
        assertThat(f.cents("amount")).isEqualTo(1250);
        assertThat(f.optionalBoolean("flag")).isTrue();
        assertThat(f.has("note")).isFalse();
        assertThat(f.optionalString("note", 0, 10)).isNull();
    }

    @Test
    void aNullValueIsAbsentAndANestedOneIsTheWrongType() throws Exception {
        JsonFields f = read("{\"id\":null,\"note\":{\"a\":1}}");
        assertThat(f.has("id")).isFalse();
        assertThatThrownBy(() -> f.string("id", 1, 10)).isInstanceOf(InvalidRecordException.class)
                .hasMessageContaining("missing field 'id'");
        assertThatThrownBy(() -> f.optionalString("note", 0, 10)).isInstanceOf(InvalidRecordException.class)
                .hasMessageContaining("field 'note': expected a string, found another object");
    }

    @Test
    void aRepeatedNameIsMalformed() throws Exception {
        assertThatThrownBy(() -> read("{\"id\":\"a\",\"id\":\"b\"}")).isInstanceOf(InvalidRecordException.class)
                .satisfies(e -> assertThat(((InvalidRecordException) e).reason).isEqualTo(RejectReason.MALFORMED_JSON));
        assertThatThrownBy(() -> read("{\"x\":1,\"x\":2}")).isInstanceOf(InvalidRecordException.class)
                .hasMessageContaining("field 'x' appears twice");
        // many unknown names, the repeated one far from its first
        StringBuilder many = new StringBuilder("{\"id\":\"a\"");
        for (int i = 0; i < 20; i++) {
            many.append(",\"u").append(i).append("\":{\"x\":[1,2]}");
        }
        assertThat(read(many + "}").has("id")).isTrue();
        assertThatThrownBy(() -> read(many + ",\"u3\":null}")).isInstanceOf(InvalidRecordException.class)
                .hasMessageContaining("field 'u3' appears twice");
        assertThatThrownBy(() -> read("{\"id\":null,\"u\":1,\"id\":\"b\"}"))
                .hasMessageContaining("field 'id' appears twice");
    }

    @Test
    void aGetterForAnUnknownNameIsAParserBug() throws Exception {
        JsonFields f = read("{\"id\":\"e-1\"}");
        assertThatThrownBy(() -> f.has("kind")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'kind' is not among the known fields");
    }

    /** A JSON number: sign, 1–20 digits (no leading zero but for "0"), 0–4 fraction digits, sometimes an exponent. */
    private static String jsonNumber(Random random) {
        StringBuilder n = new StringBuilder(random.nextBoolean() ? "-" : "");
        int digits = 1 + random.nextInt(random.nextBoolean() ? 20 : 6);
        n.append(digits == 1 ? random.nextInt(10) : 1 + random.nextInt(9));
        for (int i = 1; i < digits; i++) {
            n.append(random.nextInt(10));
        }
        int fraction = random.nextInt(5);
        if (fraction > 0) {
            n.append('.');
            for (int i = 0; i < fraction; i++) {
                n.append(random.nextInt(10));
            }
        }
        if (random.nextInt(8) == 0) {
            n.append(random.nextBoolean() ? 'E' : 'e').append(random.nextInt(3) == 0 ? "-" : "+")
                    .append(random.nextInt(16));
        }
        return n.toString();
    }

    @Test
    void numbersAreReadExactlyAsBigDecimalReadsTheirText() throws Exception {
        Random random = new Random(5);
        for (int i = 0; i < 50_000; i++) {
            String number = jsonNumber(random);
            JsonFields f = read("{\"amount\":" + number + "}");
            BigDecimal expected = new BigDecimal(number);
            // the same value and the same scale: 1.50 stays 1.50
            assertThat(f.optionalDecimal("amount")).as(number).isEqualTo(expected);
            boolean isCents = expected.scale() <= 2 && expected.abs().compareTo(new BigDecimal("1E13")) < 0;
            if (isCents) {
                assertThat(f.cents("amount")).as(number).isEqualTo(expected.movePointRight(2).longValueExact());
            } else {
                assertThatThrownBy(() -> f.cents("amount")).as(number).isInstanceOf(InvalidRecordException.class)
                        .hasMessageContaining("field 'amount': ")
                        .hasMessageContaining(expected.scale() > 2 ? "fraction digits (at most 2)" : "not below 10^13");
            }
        }
    }

    @Test
    void centsAtTheLimitAndNegativeZero() throws Exception {
        assertThat(read("{\"amount\":9999999999999.99}").cents("amount")).isEqualTo(999_999_999_999_999L);
        assertThat(read("{\"amount\":-9999999999999.99}").cents("amount")).isEqualTo(-999_999_999_999_999L);
        assertThatThrownBy(() -> read("{\"amount\":10000000000000}").cents("amount"))
                .hasMessageContaining("|10000000000000| is not below 10^13");
        assertThatThrownBy(() -> read("{\"amount\":-10000000000000.0}").cents("amount"))
                .hasMessageContaining("is not below 10^13");
        assertThat(read("{\"amount\":-0.00}").cents("amount")).isZero();
        assertThat(read("{\"amount\":-0.00}").optionalDecimal("amount")).isEqualTo(new BigDecimal("-0.00"));
        assertThatThrownBy(() -> read("{\"amount\":1.005}").cents("amount"))
                .hasMessageContaining("1.005 has 3 fraction digits (at most 2)");
    }
}
