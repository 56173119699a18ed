package io.beizeng.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class WrittenRowsTest {
    record Row(String region, BigDecimal value, Double growth) {}

    @Test
    void writesARowAgainOnlyWhenItChanged() {
        WrittenRows written = new WrittenRows();
        assertThat(written.changed("a", new Row("a", new BigDecimal("1.00"), null))).isTrue();
        assertThat(written.changed("a", new Row("a", new BigDecimal("1.00"), null))).isFalse();
        assertThat(written.changed("a", new Row("a", new BigDecimal("1.00"), 0.5))).isTrue();
        assertThat(written.changed("a", new Row("a", new BigDecimal("1.01"), 0.5))).isTrue();
        assertThat(written.changed("b", new Row("a", new BigDecimal("1.01"), 0.5))).isTrue();
        written.forget("a");
        assertThat(written.changed("a", new Row("a", new BigDecimal("1.01"), 0.5))).isTrue();
    }
}
