package io.beizeng.attribution;

import java.util.Arrays;

/**
 * An enterprise's production reports per month: the revenue (cents), for the trailing 12-month sums of the leading
 * tiers, and the days of the month it reported on, to count a reporting enterprise once per town and day. The
 * months in ascending order with their sums and day sets, in three primitive arrays (a {@code Map<Integer, Long>}
 * held the revenue alone in about 70 bytes of heap per month and cost a hash lookup per event).
 *
 * <p>Reports may come in any order: an enterprise's events from two readers of a replayed file can arrive months
 * apart, and the attribution does not reorder them. A month is known until {@link #dropBefore} forgets it; an event
 * of a month already forgotten would count as new (it would have to be almost two years late, far beyond any
 * allowed lateness). A Flink POJO, as part of {@link EnterpriseState}.
 */
public final class MonthlyReports {
    /** Month indexes, ascending. */
    public int[] months = new int[0];
    /** Revenue of {@code months[i]}, cents. */
    public long[] cents = new long[0];
    /** Days of {@code months[i]} reported on: bit d − 1 for day d. */
    public int[] days = new int[0];

    public MonthlyReports() {}

    /**
     * Records a report: its revenue in {@code month} and its day of the month (1–31). True when it is the first
     * report of that day.
     */
    boolean report(int month, int dayOfMonth, long revenueCents) {
        int at = slot(month);
        cents[at] += revenueCents;
        int bit = 1 << (dayOfMonth - 1);
        boolean first = (days[at] & bit) == 0;
        days[at] |= bit;
        return first;
    }

    /** Whether {@code month} has a report. */
    boolean holds(int month) {
        return find(month) >= 0;
    }

    /** The index of {@code month}, or as {@link Arrays#binarySearch} where it would go. */
    private int find(int month) {
        int n = months.length;
        // reports come mostly in month order: look at the newest month first
        return n > 0 && months[n - 1] == month ? n - 1 : Arrays.binarySearch(months, month);
    }

    /** The index of {@code month}, inserted if new. */
    private int slot(int month) {
        int at = find(month);
        if (at >= 0) {
            return at;
        }
        int insert = -at - 1;
        months = inserted(months, insert, month);
        days = inserted(days, insert, 0);
        cents = inserted(cents, insert, 0);
        return insert;
    }

    private static int[] inserted(int[] a, int at, int value) {
        int[] b = new int[a.length + 1];
        System.arraycopy(a, 0, b, 0, at);
        b[at] = value;
        System.arraycopy(a, at, b, at + 1, a.length - at);
        return b;
    }

    private static long[] inserted(long[] a, int at, long value) {
        long[] b = new long[a.length + 1];
        System.arraycopy(a, 0, b, 0, at);
        b[at] = value;
        System.arraycopy(a, at, b, at + 1, a.length - at);
        return b;
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

    /** Whether any month after {@code month} has a report. */
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
            days = Arrays.copyOfRange(days, keep, days.length);
        }
    }

    boolean isEmpty() {
        return months.length == 0;
    }
}
