package io.beizeng.attribution;

import java.util.Arrays;

/**
 * An enterprise's revenue per month (cents), for the trailing 12-month sums of the leading tiers: the months in
 * ascending order with their sums, in two primitive arrays. A {@code Map<Integer, Long>} held the same in about
 * 70 bytes of heap per month (node, boxed key, boxed value) and cost a hash lookup per event; at a million
 * enterprises with two years each, that was gigabytes of heap. A Flink POJO, as part of {@link EnterpriseState}.
 */
public final class MonthlyRevenue {
    /** Month indexes, ascending. */
    public int[] months = new int[0];
    /** Revenue of {@code months[i]}, cents. */
    public long[] cents = new long[0];

    public MonthlyRevenue() {}

    /** Adds revenue to a month. */
    void add(int month, long revenueCents) {
        int n = months.length;
        // reports come mostly in month order: look at the newest month first
        int at = n > 0 && months[n - 1] == month ? n - 1 : Arrays.binarySearch(months, month);
        if (at >= 0) {
            cents[at] += revenueCents;
            return;
        }
        int insert = -at - 1;
        int[] m = new int[n + 1];
        long[] c = new long[n + 1];
        System.arraycopy(months, 0, m, 0, insert);
        System.arraycopy(cents, 0, c, 0, insert);
        m[insert] = month;
        c[insert] = revenueCents;
        System.arraycopy(months, insert, m, insert + 1, n - insert);
        System.arraycopy(cents, insert, c, insert + 1, n - insert);
        months = m;
        cents = c;
    }

    /** The revenue of months {@code from} to {@code to}, both included. */
    long sum(int from, int to) {
        long sum = 0;
        for (int i = 0; i < months.length; i++) {
            if (months[i] >= from && months[i] <= to) {
                sum += cents[i];
            }
        }
        return sum;
    }

    /** Whether any month after {@code month} has revenue recorded. */
    boolean anyAfter(int month) {
        return months.length > 0 && months[months.length - 1] > month;
    }

    /** Forgets the months before {@code month}. */
    void dropBefore(int month) {
        int keep = 0;
        while (keep < months.length && months[keep] < month) {
            keep++;
        }
        if (keep > 0) {
            months = Arrays.copyOfRange(months, keep, months.length);
            cents = Arrays.copyOfRange(cents, keep, cents.length);
        }
    }

    boolean isEmpty() {
        return months.length == 0;
    }
}
