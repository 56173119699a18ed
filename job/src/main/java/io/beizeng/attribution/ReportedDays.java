package io.beizeng.attribution;

/**
 * The days an enterprise reported on, over the last 128 days, in three longs: the newest day and a 128-bit set
 * (bit k: that day − k). Small enough to keep for every enterprise; events older than 128 days are LATE anyway.
 */
final class ReportedDays {
    static final int SPAN = 128;

    private ReportedDays() {}

    static long[] empty() {
        return new long[] {Long.MIN_VALUE, 0, 0};
    }

    /** Marks {@code day}; true when the enterprise had not reported on it yet (or it is too old to tell). */
    static boolean mark(long[] s, long day) {
        if (s[0] == Long.MIN_VALUE || day - s[0] >= SPAN) {
            s[0] = day;
            s[1] = 1;
            s[2] = 0;
            return true;
        }
        if (day > s[0]) {
            shift(s, (int) (day - s[0]));
            s[0] = day;
            s[1] |= 1;
            return true;
        }
        long k = s[0] - day;
        if (k >= SPAN) {
            return true;
        }
        int word = k < 64 ? 1 : 2;
        long bit = 1L << (k % 64);
        boolean seen = (s[word] & bit) != 0;
        s[word] |= bit;
        return !seen;
    }

    /** Shifts the set by {@code n} days (1 ≤ n < 128): bit k moves to bit k + n. */
    private static void shift(long[] s, int n) {
        if (n >= 64) {
            s[2] = s[1] << (n - 64);
            s[1] = 0;
        } else {
            s[2] = (s[2] << n) | (s[1] >>> (64 - n));
            s[1] = s[1] << n;
        }
    }
}
