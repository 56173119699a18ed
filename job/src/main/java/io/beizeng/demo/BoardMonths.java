package io.beizeng.demo;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;

/**
 * Which months the board shows: the headline is the latest complete month (what a bulletin would publish); the month
 * still running, when the table has it, is shown beside it as open, with the share of the year elapsed to the
 * latest event sent. A month is complete once it has ended by the clock in the plan's zone.
 *
 * @param headline the latest complete month in the table, or null when it only holds the open one
 * @param open the month still running, or null
 * @param openYearElapsed the share of the open month's year elapsed at {@code asOf}, or NaN without an open month
 */
record BoardMonths(YearMonth headline, YearMonth open, double openYearElapsed) {

    /** {@code latest}: the latest month in the table; {@code asOf}: the latest event sent; {@code today}: the clock's. */
    static BoardMonths of(YearMonth latest, Instant asOf, LocalDate today, ZoneId zone) {
        if (latest == null) {
            return new BoardMonths(null, null, Double.NaN);
        }
        if (latest.isBefore(YearMonth.from(today))) {
            return new BoardMonths(latest, null, Double.NaN);
        }
        YearMonth previous = latest.minusMonths(1);
        return new BoardMonths(previous, latest, yearElapsed(latest.getYear(), asOf, zone));
    }

    /** The share of {@code year} (in {@code zone}) elapsed at {@code at}, between 0 and 1. */
    static double yearElapsed(int year, Instant at, ZoneId zone) {
        ZonedDateTime start = LocalDate.of(year, 1, 1).atStartOfDay(zone);
        ZonedDateTime end = start.plusYears(1);
        double share = (double) ChronoUnit.SECONDS.between(start.toInstant(), at)
                / ChronoUnit.SECONDS.between(start.toInstant(), end.toInstant());
        return Math.max(0, Math.min(1, share));
    }
}
