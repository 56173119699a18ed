package io.beizeng.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class MonthCalendarTest {
    private final MonthCalendar shanghai = new MonthCalendar(ZoneId.of("Asia/Shanghai"));

    private static long ts(String iso) {
        return OffsetDateTime.parse(iso).toInstant().toEpochMilli();
    }

    @Test
    void monthsAreCalendarMonthsOfThePlanTimezone() {
        // 23:30 UTC on 31 January is 07:30 on 1 February in Shanghai
        int m = shanghai.indexOf(ts("2024-01-31T23:30:00+00:00"));
        assertThat(MonthCalendar.year(m)).isEqualTo(2024);
        assertThat(MonthCalendar.month(m)).isEqualTo(2);
        int utc = new MonthCalendar(ZoneId.of("UTC")).indexOf(ts("2024-01-31T23:30:00+00:00"));
        assertThat(MonthCalendar.month(utc)).isEqualTo(1);
        // and the cache does not confuse neighbouring months
        assertThat(MonthCalendar.month(shanghai.indexOf(ts("2024-01-31T15:59:59.999+00:00")))).isEqualTo(1);
        assertThat(MonthCalendar.month(shanghai.indexOf(ts("2024-01-31T16:00:00+00:00")))).isEqualTo(2);
    }

    @Test
    void daysAreCalendarDaysOfThePlanTimezone() {
        // 16:00 UTC is midnight in Shanghai: the next day begins
        long before = shanghai.dayOf(ts("2024-03-05T15:59:59.999+00:00"));
        long after = shanghai.dayOf(ts("2024-03-05T16:00:00+00:00"));
        assertThat(java.time.LocalDate.ofEpochDay(before)).isEqualTo(java.time.LocalDate.of(2024, 3, 5));
        assertThat(after).isEqualTo(before + 1);
        assertThat(shanghai.dayStart(after)).isEqualTo(ts("2024-03-06T00:00:00+08:00"));
    }

    @Test
    void monthBoundsAndYearBoundary() {
        int dec = MonthCalendar.index(2023, 12);
        assertThat(MonthCalendar.yearMonth(dec + 1).toString()).isEqualTo("2024-01");
        assertThat(shanghai.start(dec)).isEqualTo(ts("2023-12-01T00:00:00+08:00"));
        assertThat(shanghai.end(dec)).isEqualTo(ts("2024-01-01T00:00:00+08:00"));
        assertThat(shanghai.end(MonthCalendar.index(2024, 2)) - shanghai.start(MonthCalendar.index(2024, 2)))
                .isEqualTo(Duration.ofDays(29).toMillis());
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {
        "Europe/Berlin", // days of 23 and 25 hours, months starting at +01:00 or +02:00
        "Asia/Shanghai", // no transition since 1991
        "America/Sao_Paulo", // until 2019 its summer time began at midnight: days that start at 01:00
        "Pacific/Apia", // skipped 30 December 2011 when it crossed the date line
        "Australia/Lord_Howe", // half-hour summer time
        "UTC"})
    void cachedAnswersEqualJavaTime(String zone) {
        ZoneId tz = ZoneId.of(zone);
        MonthCalendar calendar = new MonthCalendar(tz);
        java.util.Random random = new java.util.Random(11);
        long from = ts("2008-01-01T00:00:00+00:00");
        long span = Duration.ofDays(365 * 17).toMillis();
        long ts = from;
        for (int i = 0; i < 50_000; i++) {
            // mostly small steps forward (the cache's case), sometimes a jump anywhere (a miss)
            ts = random.nextInt(10) == 0 ? from + (long) (random.nextDouble() * span)
                    : ts + random.nextInt(3_600_000 * 6);
            java.time.ZonedDateTime t = java.time.Instant.ofEpochMilli(ts).atZone(tz);
            int month = calendar.indexOf(ts);
            assertThat(MonthCalendar.yearMonth(month)).isEqualTo(java.time.YearMonth.from(t));
            assertThat(calendar.start(month)).isEqualTo(
                    t.toLocalDate().withDayOfMonth(1).atStartOfDay(tz).toInstant().toEpochMilli());
            assertThat(calendar.end(month)).isEqualTo(t.toLocalDate().withDayOfMonth(1).plusMonths(1)
                    .atStartOfDay(tz).toInstant().toEpochMilli());
            assertThat(calendar.start(month - 1)).isEqualTo(t.toLocalDate().withDayOfMonth(1).minusMonths(1)
                    .atStartOfDay(tz).toInstant().toEpochMilli());
            long day = calendar.dayOf(ts);
            assertThat(day).isEqualTo(t.toLocalDate().toEpochDay());
            assertThat(calendar.dayOfMonth(ts)).isEqualTo(t.getDayOfMonth());
            assertThat(calendar.dayStart(day)).isEqualTo(t.toLocalDate().atStartOfDay(tz).toInstant().toEpochMilli());
            assertThat(calendar.dayStart(day + 1))
                    .isEqualTo(t.toLocalDate().plusDays(1).atStartOfDay(tz).toInstant().toEpochMilli());
            assertThat(calendar.dayStart(day - 1))
                    .isEqualTo(t.toLocalDate().minusDays(1).atStartOfDay(tz).toInstant().toEpochMilli());
        }
    }

    @Test
    void daysAtTheEndsOfTimeEqualJavaTime() {
        for (long ts : new long[] {Long.MIN_VALUE, Long.MIN_VALUE + 1, Long.MAX_VALUE - 1, Long.MAX_VALUE, 0}) {
            assertThat(shanghai.dayOf(ts)).as("day of %d", ts).isEqualTo(
                    java.time.Instant.ofEpochMilli(ts).atZone(ZoneId.of("Asia/Shanghai")).toLocalDate().toEpochDay());
        }
    }

    @Test
    void aDeserializedCalendarStartsWithEmptyCaches() throws Exception {
        var bytes = new java.io.ByteArrayOutputStream();
        try (var out = new java.io.ObjectOutputStream(bytes)) {
            out.writeObject(shanghai);
        }
        MonthCalendar copy;
        try (var in = new java.io.ObjectInputStream(new java.io.ByteArrayInputStream(bytes.toByteArray()))) {
            copy = (MonthCalendar) in.readObject();
        }
        // its transient fields are 0, not the initializers' values: month 0 and epoch day 0 must not look cached
        assertThat(copy.start(0)).isEqualTo(java.time.LocalDate.of(0, 1, 1)
                .atStartOfDay(ZoneId.of("Asia/Shanghai")).toInstant().toEpochMilli());
        assertThat(copy.dayStart(0)).isEqualTo(ts("1970-01-01T00:00:00+08:00"));
        assertThat(copy.indexOf(0)).isEqualTo(MonthCalendar.index(1970, 1));
        assertThat(copy.dayOf(0)).isEqualTo(0);
    }

    @Test
    void aMonthClosesAllowedLatenessAfterItsEnd() {
        long lateness = Duration.ofDays(35).toMillis();
        long event = ts("2024-01-15T00:00:00+08:00");
        long end = ts("2024-02-01T00:00:00+08:00");
        assertThat(shanghai.isClosed(event, end + lateness - 2, lateness)).isFalse();
        assertThat(shanghai.isClosed(event, end + lateness - 1, lateness)).isTrue();
        assertThat(shanghai.isClosed(event, Long.MIN_VALUE, lateness)).isFalse();
    }
}
