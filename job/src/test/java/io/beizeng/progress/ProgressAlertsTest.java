package io.beizeng.progress;

import static org.assertj.core.api.Assertions.assertThat;

import io.beizeng.model.DistrictProgressRow;
import io.beizeng.model.ProgressAlert;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The alerts of final months, month after month, against what a reader of the rows would say by hand. */
class ProgressAlertsTest {
    private static DistrictProgressRow row(String region, int month, String status, Integer rank) {
        return new DistrictProgressRow("p", region, rank == null ? "CITY" : "DISTRICT", "OUTPUT_VALUE", 2024, month,
                BigDecimal.ONE, BigDecimal.ONE, null, null, BigDecimal.ONE, BigDecimal.TEN, BigDecimal.TEN,
                BigDecimal.TEN, month / 12.0, 0.1, null, status, rank, null);
    }

    /** Runs the months in order, carrying the memory as the operator does; the alerts as "region month kind". */
    private static List<String> alerts(List<List<DistrictProgressRow>> months) {
        Map<ProgressAlerts.Series, ProgressAlerts.Memory> memory = new HashMap<>();
        List<String> raised = new ArrayList<>();
        for (List<DistrictProgressRow> rows : months) {
            ProgressAlerts.Outcome outcome = ProgressAlerts.raise(rows, memory);
            memory.putAll(outcome.memory());
            for (ProgressAlert a : outcome.alerts()) {
                raised.add(a.regionCode() + " " + a.month() + " " + a.kind() + " " + a.previousStatus() + "->"
                        + a.status());
            }
        }
        return raised;
    }

    @Test
    void aStatusThatDiffersFromThePreviousFinalMonthsIsAnAlertTheFirstMonthIsNot() {
        // B ranks last each month, but only months 1 to 3 here: no streak of three before month 3 ends
        assertThat(alerts(List.of(
                List.of(row("A", 1, "BEHIND", 1), row("B", 1, "AHEAD", 2), row("C", 1, "ON_TRACK", null)),
                List.of(row("A", 2, "BEHIND", 2), row("B", 2, "AHEAD", 1), row("C", 2, "AHEAD", null)),
                List.of(row("A", 3, "ON_TRACK", 1), row("B", 3, "AHEAD", 2), row("C", 3, "AHEAD", null)))))
                .containsExactly("C 2 STATUS_CHANGED ON_TRACK->AHEAD", "A 3 STATUS_CHANGED BEHIND->ON_TRACK");
    }

    @Test
    void aDistrictLastThreeFinalMonthsRunningIsAnAlertOnceAtTheThird() {
        List<List<DistrictProgressRow>> months = new ArrayList<>();
        // B is last (rank 2 of 2) in months 1-4, A in month 5; the city has no rank
        for (int m = 1; m <= 5; m++) {
            boolean bLast = m <= 4;
            months.add(List.of(row("A", m, "ON_TRACK", bLast ? 1 : 2), row("B", m, "ON_TRACK", bLast ? 2 : 1),
                    row("C", m, "ON_TRACK", null)));
        }
        assertThat(alerts(months)).containsExactly("B 3 LAST_THREE_MONTHS ON_TRACK->ON_TRACK");
    }

    @Test
    void aStreakBrokenByOneMonthStartsAgain() {
        String[] last = {"B", "B", "A", "B", "B", "B"};
        List<List<DistrictProgressRow>> months = new ArrayList<>();
        for (int m = 1; m <= last.length; m++) {
            boolean b = last[m - 1].equals("B");
            months.add(List.of(row("A", m, "BEHIND", b ? 1 : 2), row("B", m, "BEHIND", b ? 2 : 1)));
        }
        assertThat(alerts(months)).containsExactly("B 6 LAST_THREE_MONTHS BEHIND->BEHIND");
    }

    @Test
    void theMemoryAfterAMonthIsItsStatusAndStreak() {
        ProgressAlerts.Outcome first = ProgressAlerts.raise(List.of(row("A", 1, "AHEAD", 2), row("B", 1, "BEHIND", 1),
                row("C", 1, "ON_TRACK", null)), Map.of());
        assertThat(first.alerts()).isEmpty();
        assertThat(first.memory()).containsOnly(
                Map.entry(new ProgressAlerts.Series("A", "OUTPUT_VALUE"), new ProgressAlerts.Memory("AHEAD", 1)),
                Map.entry(new ProgressAlerts.Series("B", "OUTPUT_VALUE"), new ProgressAlerts.Memory("BEHIND", 0)),
                Map.entry(new ProgressAlerts.Series("C", "OUTPUT_VALUE"), new ProgressAlerts.Memory("ON_TRACK", 0)));
    }
}
