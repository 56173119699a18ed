package io.beizeng.towns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.beizeng.model.TownActivityRow;
import io.beizeng.model.TownDayTotal;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class TownActivityTest {
    private static TownDayTotal day(String town, long day, String output) {
        return new TownDayTotal(town, day, new BigDecimal(output), BigDecimal.ONE, 2);
    }

    @Test
    void townsAreRankedPerDayAndComparedWithTheSameWeekdayAWeekEarlier() {
        TreeMap<Long, List<TownDayTotal>> byDay = new TreeMap<>();
        for (TownDayTotal t : List.of(day("T1", 100, "50.00"), day("T2", 100, "80.00"), day("T3", 100, "50.00"),
                day("T1", 107, "75.00"))) {
            byDay.computeIfAbsent(t.epochDay(), d -> new ArrayList<>()).add(t);
        }
        List<TownActivityRow> rows = TownActivity.rows("p", byDay, Map.of(new TownDayTotal.Key("T1", 107), new BigDecimal("50.00")));
        assertThat(rows).extracting(r -> r.townCode() + "@" + r.epochDay() + "#" + r.rank())
                .containsExactly("T2@100#1", "T1@100#2", "T3@100#3", "T1@107#1");
        TownActivityRow t1 = rows.get(3);
        assertThat(t1.weekAgoOutputValue()).isEqualByComparingTo("50.00");
        assertThat(t1.changeVsWeekAgo()).isCloseTo(0.5, within(1e-15));
        assertThat(rows.get(0).weekAgoOutputValue()).isNull();
        assertThat(rows.get(0).changeVsWeekAgo()).isNull();
    }
}
