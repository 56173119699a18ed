package io.beizeng.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.beizeng.model.RejectReason;
import java.nio.charset.StandardCharsets;
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
}
