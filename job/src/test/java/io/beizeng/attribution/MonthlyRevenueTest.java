package io.beizeng.attribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Against a TreeMap doing the same, over random reports (mostly in month order, some late, some far apart). */
class MonthlyRevenueTest {
    @Test
    void behavesLikeAMapOfMonthSums() {
        Random random = new Random(3);
        for (int run = 0; run < 200; run++) {
            MonthlyRevenue revenue = new MonthlyRevenue();
            TreeMap<Integer, Long> reference = new TreeMap<>();
            int month = 24_280;
            for (int i = 0; i < 300; i++) {
                int m = random.nextInt(5) == 0 ? month - random.nextInt(14) : month;
                long cents = random.nextInt(1_000_000) - 100_000;
                revenue.add(m, cents);
                reference.merge(m, cents, Long::sum);
                if (random.nextInt(10) == 0) {
                    month += 1 + random.nextInt(2);
                }
                if (random.nextInt(40) == 0) {
                    int before = month - random.nextInt(30);
                    revenue.dropBefore(before);
                    reference.headMap(before).clear();
                }
                int to = month - random.nextInt(15);
                assertThat(revenue.sum(to - 11, to)).isEqualTo(
                        reference.subMap(to - 11, true, to, true).values().stream().mapToLong(Long::longValue).sum());
                int after = month - random.nextInt(15);
                assertThat(revenue.anyAfter(after)).isEqualTo(reference.higherKey(after) != null);
                assertThat(revenue.months).containsExactly(reference.keySet().stream().mapToInt(Integer::intValue).toArray());
            }
            assertThat(revenue.isEmpty()).isEqualTo(reference.isEmpty());
        }
    }
}
