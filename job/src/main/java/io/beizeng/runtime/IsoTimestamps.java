package io.beizeng.runtime;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.Month;
import java.time.OffsetDateTime;
import java.time.Year;
import java.time.format.DateTimeFormatter;

/**
 * ISO-8601 date-times with offset ({@link DateTimeFormatter#ISO_OFFSET_DATE_TIME}) to epoch milliseconds.
 *
 * <p>Every event carries one, and {@code OffsetDateTime.parse} is slow for the volume. The form
 * producers send, {@code 2024-03-05T20:15:00[.fraction](Z|+08:00)}, is read here digit by digit; any other text
 * (other year widths, lower-case letters, offsets without minutes or with seconds, out-of-range fields, …) goes to
 * {@code OffsetDateTime.parse}, which accepts or rejects it exactly as before. The fast path therefore accepts
 * nothing the formatter rejects, and gives the same instant for what it accepts.
 */
public final class IsoTimestamps {
    private IsoTimestamps() {}

    /**
     * @throws DateTimeException when {@code text} is not an ISO-8601 date-time with offset
     * @throws ArithmeticException when the instant does not fit epoch milliseconds
     */
    public static long epochMillis(String text) {
        long fast = fastPath(text);
        if (fast != Long.MIN_VALUE) {
            return fast;
        }
        return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant().toEpochMilli();
    }

    /** The instant of the common form, or {@code Long.MIN_VALUE} when {@code s} is not in it. */
    static long fastPath(String s) {
        int n = s.length();
        // yyyy-MM-ddTHH:mm:ss then a fraction and an offset, or just an offset
        if (n < 20 || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(10) != 'T' || s.charAt(13) != ':'
                || s.charAt(16) != ':') {
            return Long.MIN_VALUE;
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 2);
        int day = digits(s, 8, 2);
        int hour = digits(s, 11, 2);
        int minute = digits(s, 14, 2);
        int second = digits(s, 17, 2);
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month) || hour < 0
                || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) {
            return Long.MIN_VALUE;
        }
        int i = 19;
        int nanos = 0;
        if (s.charAt(i) == '.') {
            int start = ++i;
            while (i < n && i - start < 9 && isDigit(s.charAt(i))) {
                nanos = nanos * 10 + (s.charAt(i) - '0');
                i++;
            }
            int width = i - start;
            if (width == 0 || (i < n && isDigit(s.charAt(i)))) {
                return Long.MIN_VALUE;
            }
            for (int k = width; k < 9; k++) {
                nanos *= 10;
            }
        }
        int offsetSeconds;
        if (i == n - 1 && s.charAt(i) == 'Z') {
            offsetSeconds = 0;
        } else if (i == n - 6 && (s.charAt(i) == '+' || s.charAt(i) == '-') && s.charAt(i + 3) == ':') {
            int oh = digits(s, i + 1, 2);
            int om = digits(s, i + 4, 2);
            if (oh < 0 || om < 0 || om > 59 || oh > 18 || (oh == 18 && om > 0)) {
                return Long.MIN_VALUE;
            }
            offsetSeconds = (oh * 3600 + om * 60) * (s.charAt(i) == '-' ? -1 : 1);
        } else {
            return Long.MIN_VALUE;
        }
        long epochDay = LocalDate.of(year, month, day).toEpochDay();
        long epochSecond = epochDay * 86_400 + hour * 3600L + minute * 60L + second - offsetSeconds;
        return epochSecond * 1000 + nanos / 1_000_000;
    }

    /** The value of {@code width} decimal digits at {@code from}, or -1 if any is not a digit. */
    private static int digits(String s, int from, int width) {
        int value = 0;
        for (int k = from; k < from + width; k++) {
            char c = s.charAt(k);
            if (!isDigit(c)) {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static int daysInMonth(int year, int month) {
        return Month.of(month).length(Year.isLeap(year));
    }
}
