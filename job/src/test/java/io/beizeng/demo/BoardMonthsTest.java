package io.beizeng.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class BoardMonthsTest {
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    @Test
    void theRunningMonthIsShownOpenBesideTheLatestCompleteOne() {
        LocalDate today = LocalDate.of(2026, 12, 4);
        Instant endOfHistory = today.atStartOfDay(SHANGHAI).toInstant().minusMillis(1);
        BoardMonths m = BoardMonths.of(YearMonth.of(2026, 12), endOfHistory, today, SHANGHAI);
        assertThat(m.headline()).isEqualTo(YearMonth.of(2026, 11));
        assertThat(m.open()).isEqualTo(YearMonth.of(2026, 12));
        // 337 whole days of 365 have passed by the start of 4 December
        assertThat(m.openYearElapsed()).isCloseTo(337.0 / 365, within(1e-6));
    }

    @Test
    void onTheFirstOfAMonthTheLatestMonthIsCompleteAndNothingIsOpen() {
        LocalDate today = LocalDate.of(2026, 12, 1);
        BoardMonths m = BoardMonths.of(YearMonth.of(2026, 11), today.atStartOfDay(SHANGHAI).toInstant().minusMillis(1),
                today, SHANGHAI);
        assertThat(m.headline()).isEqualTo(YearMonth.of(2026, 11));
        assertThat(m.open()).isNull();
        assertThat(m.openYearElapsed()).isNaN();
    }

    @Test
    void aTableWithOnlyTheRunningMonthHasNoHeadlineYet() {
        LocalDate today = LocalDate.of(2027, 1, 10);
        BoardMonths m = BoardMonths.of(YearMonth.of(2027, 1), Instant.parse("2027-01-09T12:00:00Z"), today, SHANGHAI);
        assertThat(m.headline()).isEqualTo(YearMonth.of(2026, 12));
        assertThat(m.open()).isEqualTo(YearMonth.of(2027, 1));
        assertThat(BoardMonths.of(null, Instant.EPOCH, today, SHANGHAI).headline()).isNull();
    }

    @Test
    void theShareOfTheYearElapsedIsMeasuredInThePlansZoneAndBounded() {
        // midnight of 1 January in Shanghai is 16:00 UTC on 31 December
        assertThat(BoardMonths.yearElapsed(2027, Instant.parse("2026-12-31T16:00:00Z"), SHANGHAI)).isZero();
        assertThat(BoardMonths.yearElapsed(2027, Instant.parse("2026-12-31T15:00:00Z"), SHANGHAI)).isZero();
        assertThat(BoardMonths.yearElapsed(2026, Instant.parse("2026-12-31T16:00:00Z"), SHANGHAI)).isEqualTo(1.0);
        assertThat(BoardMonths.yearElapsed(2026, Instant.parse("2027-03-01T00:00:00Z"), SHANGHAI)).isEqualTo(1.0);
        assertThat(BoardMonths.yearElapsed(2028, Instant.parse("2028-07-01T16:00:00Z").minusSeconds(24 * 3600), SHANGHAI))
                .isCloseTo(182.0 / 366, within(1e-6)); // 2028 is a leap year: 1 July is its 183rd day
    }
}
