package io.beizeng.progress;

import io.beizeng.config.Indicator;
import io.beizeng.model.MonthCalendar;
import io.beizeng.model.MonthTotal;
import java.math.BigDecimal;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A plan's current monthly totals, indexed for the row computations: per indicator the months' values summed by
 * district, by chain and by park; the years with events of each source stream; the latest month with events.
 */
public final class PlanTotals {
    private final Map<Indicator, Series> byDistrict = new EnumMap<>(Indicator.class);
    private final Map<Indicator, Series> byChain = new EnumMap<>(Indicator.class);
    private final Map<Indicator, Series> byPark = new EnumMap<>(Indicator.class);
    private final Map<Indicator.Source, Set<Integer>> yearsWithEvents = new EnumMap<>(Indicator.Source.class);
    private int latest = Integer.MIN_VALUE;

    private PlanTotals() {}

    public static PlanTotals of(Collection<MonthTotal> totals) {
        PlanTotals t = new PlanTotals();
        for (MonthTotal total : totals) {
            Indicator i = total.indicator();
            t.byDistrict.computeIfAbsent(i, k -> new Series()).add(total.cell().region(), total.month(), total.value());
            if (total.cell().chain() != null) {
                t.byChain.computeIfAbsent(i, k -> new Series()).add(total.cell().chain().name(), total.month(),
                        total.value());
            }
            if (total.cell().parkId() != null) {
                t.byPark.computeIfAbsent(i, k -> new Series()).add(total.cell().parkId(), total.month(), total.value());
            }
            if (total.events() > 0) {
                t.yearsWithEvents.computeIfAbsent(i.source(), s -> new HashSet<>()).add(total.year());
                t.latest = Math.max(t.latest, total.month());
            }
        }
        return t;
    }

    /** The indicator's values by district code. */
    Series byDistrict(Indicator indicator) {
        return byDistrict.getOrDefault(indicator, Series.EMPTY);
    }

    /** The indicator's values by chain name. */
    Series byChain(Indicator indicator) {
        return byChain.getOrDefault(indicator, Series.EMPTY);
    }

    /** The indicator's values by park id. */
    Series byPark(Indicator indicator) {
        return byPark.getOrDefault(indicator, Series.EMPTY);
    }

    /** Whether the source stream has accepted events in the year: then the next year has prior-year figures. */
    boolean hasEvents(Indicator.Source source, int year) {
        return yearsWithEvents.getOrDefault(source, Set.of()).contains(year);
    }

    /** The latest month ({@link MonthCalendar#index}) holding any event, or {@link Integer#MIN_VALUE}. */
    int latestMonth() {
        return latest;
    }

    /** Monthly values of groups (districts, chains or parks) of one indicator; absent months are 0. */
    static final class Series {
        static final Series EMPTY = new Series();
        private static final BigDecimal ZERO = BigDecimal.ZERO.setScale(2);
        private final Map<String, TreeMap<Integer, BigDecimal>> values = new HashMap<>();

        void add(String group, int month, BigDecimal value) {
            values.computeIfAbsent(group, g -> new TreeMap<>()).merge(month, value, BigDecimal::add);
        }

        BigDecimal at(String group, int month) {
            TreeMap<Integer, BigDecimal> months = values.get(group);
            BigDecimal v = months == null ? null : months.get(month);
            return v == null ? ZERO : v;
        }

        /** The values of a group from January of {@code month}'s year to it. */
        BigDecimal yearToDate(String group, int month) {
            return sum(group, month - MonthCalendar.month(month) + 1, month);
        }

        /** The values of a group over the 12 months ending with {@code month}. */
        BigDecimal rolling12(String group, int month) {
            return sum(group, month - 11, month);
        }

        private BigDecimal sum(String group, int from, int to) {
            BigDecimal s = ZERO;
            for (int m = from; m <= to; m++) {
                s = s.add(at(group, m));
            }
            return s;
        }

        /** A stock's month-end level, from its changes: the sum of the group's changes up to the month. */
        BigDecimal levelAt(String group, int month) {
            TreeMap<Integer, BigDecimal> months = values.get(group);
            BigDecimal level = ZERO;
            if (months != null) {
                for (BigDecimal change : months.headMap(month, true).values()) {
                    level = level.add(change);
                }
            }
            return level;
        }

        /** The first month at whose end the sum of all groups' changes is not zero, or null. */
        Integer firstNonZeroTotal() {
            TreeMap<Integer, BigDecimal> total = new TreeMap<>();
            for (TreeMap<Integer, BigDecimal> months : values.values()) {
                months.forEach((m, v) -> total.merge(m, v, BigDecimal::add));
            }
            BigDecimal level = ZERO;
            for (Map.Entry<Integer, BigDecimal> e : total.entrySet()) {
                level = level.add(e.getValue());
                if (level.signum() != 0) {
                    return e.getKey();
                }
            }
            return null;
        }
    }
}
