package io.beizeng.attribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Against a TreeMap of month sums and a set of reported days doing the same, over random reports. */
class MonthlyReportsTest {
    @Test
    void behavesLikeAMapOfMonthSumsAndASetOfDays() {
        Random random = new Random(3);
        for (int run = 0; run < 200; run++) {
            MonthlyReports reports = new MonthlyReports();
            TreeMap<Integer, Long> revenue = new TreeMap<>();
            Set<Long> days = new HashSet<>();
            int month = 24_280;
            for (int i = 0; i < 300; i++) {
                // mostly in month order, some late, some far apart in either direction
                int m = switch (random.nextInt(10)) {
                    case 0, 1 -> month - random.nextInt(14);
                    case 2 -> month + random.nextInt(8);
                    default -> month;
                };
                int day = 1 + random.nextInt(random.nextBoolean() ? 3 : 31);
                long cents = random.nextInt(1_000_000) - 100_000;
                assertThat(reports.holds(m)).isEqualTo(revenue.containsKey(m));
                boolean first = days.add(m * 100L + day);
                assertThat(reports.report(m, day, cents)).as("month %d day %d", m, day).isEqualTo(first);
                revenue.merge(m, cents, Long::sum);
                if (random.nextInt(10) == 0) {
                    month += 1 + random.nextInt(2);
                }
                if (random.nextInt(40) == 0) {
                    int before = month - random.nextInt(30);
                    reports.dropBefore(before);
                    revenue.headMap(before).clear();
                    days.removeIf(d -> d / 100 < before);
                }
                int to = month - random.nextInt(15);
                assertThat(reports.sum(to - 11, to)).isEqualTo(
                        revenue.subMap(to - 11, true, to, true).values().stream().mapToLong(Long::longValue).sum());
                int after = month - random.nextInt(15);
                assertThat(reports.anyAfter(after)).isEqualTo(revenue.higherKey(after) != null);
                assertThat(reports.months).containsExactly(revenue.keySet().stream().mapToInt(Integer::intValue).toArray());
            }
            assertThat(reports.isEmpty()).isEqualTo(revenue.isEmpty());
        }
    }

    @Test
    void theFirstAndLastDaysOfAMonthAreTheirOwn() {
        MonthlyReports reports = new MonthlyReports();
        assertThat(reports.report(10, 31, 1)).isTrue();
        assertThat(reports.report(10, 1, 1)).isTrue();
        assertThat(reports.report(11, 31, 1)).isTrue();
        assertThat(reports.report(10, 31, 1)).isFalse();
        assertThat(reports.report(11, 1, 1)).isTrue();
        assertThat(reports.report(11, 1, 1)).isFalse();
    }
}
