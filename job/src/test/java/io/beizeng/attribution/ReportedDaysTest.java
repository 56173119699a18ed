package io.beizeng.attribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ReportedDaysTest {
    @Test
    void marksEachDayOnceAgainstAPlainSet() {
        Random random = new Random(9);
        long[] s = ReportedDays.empty();
        Set<Long> seen = new HashSet<>();
        long newest = 20_000;
        for (int i = 0; i < 20_000; i++) {
            newest += random.nextInt(10) == 0 ? random.nextInt(3) : 0;
            long day = newest - random.nextInt(100); // within the 128 days the set remembers
            boolean first = seen.add(day);
            assertThat(ReportedDays.mark(s, day)).as("day %d after newest %d", day, newest).isEqualTo(first);
        }
    }

    @Test
    void aBigJumpForgetsEverything() {
        long[] s = ReportedDays.empty();
        assertThat(ReportedDays.mark(s, 10)).isTrue();
        assertThat(ReportedDays.mark(s, 10)).isFalse();
        assertThat(ReportedDays.mark(s, 500)).isTrue();
        assertThat(ReportedDays.mark(s, 10)).isTrue(); // too old to tell: counted
        assertThat(ReportedDays.mark(s, 437)).isTrue();
        assertThat(ReportedDays.mark(s, 437)).isFalse();
        assertThat(ReportedDays.mark(s, 373)).isTrue();
        assertThat(ReportedDays.mark(s, 373)).isFalse();
    }
}
