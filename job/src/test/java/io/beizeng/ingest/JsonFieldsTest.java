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
    void aRepeatedNameIsMalformed() {
        assertThatThrownBy(() -> read("{\"id\":\"a\",\"id\":\"b\"}")).isInstanceOf(InvalidRecordException.class)
                .satisfies(e -> assertThat(((InvalidRecordException) e).reason).isEqualTo(RejectReason.MALFORMED_JSON));
        assertThatThrownBy(() -> read("{\"x\":1,\"x\":2}")).isInstanceOf(InvalidRecordException.class);
    }

    @Test
    void aGetterForAnUnknownNameIsAParserBug() throws Exception {
        JsonFields f = read("{\"id\":\"e-1\"}");
        assertThatThrownBy(() -> f.has("kind")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'kind' is not among the known fields");
    }
}
