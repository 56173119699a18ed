package io.beizeng.progress;

import static org.assertj.core.api.Assertions.assertThat;

import io.beizeng.model.InvestmentEvent;
import io.beizeng.model.InvestmentEventType;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class MonthTotalsTest {
    private static InvestmentEvent event(InvestmentEventType type, long cents, boolean tech) {
        return new InvestmentEvent("i", "P", 0, type, "370402", null, cents, tech, null);
    }

    @Test
    void aProjectExactlyAtTheThresholdIsMajorOneCentBelowIsNot() {
        MonthTotals.Investment totals = new MonthTotals.Investment(new BigDecimal("5000000000"));
        MonthAccumulator acc = totals.createAccumulator();
        totals.add(event(InvestmentEventType.SIGNED, 500_000_000_000L, false), acc);
        totals.add(event(InvestmentEventType.SIGNED, 499_999_999_999L, false), acc);
        totals.add(event(InvestmentEventType.STARTED, 900_000_000_000L, false), acc);
        assertThat(acc.count).isEqualTo(1);
        // signing is not investment; reports are, and technical renovation is a part of them
        totals.add(event(InvestmentEventType.INVESTMENT_REPORTED, 1_000, true), acc);
        totals.add(event(InvestmentEventType.INVESTMENT_REPORTED, 500, false), acc);
        assertThat(acc.first()).isEqualByComparingTo("15.00");
        assertThat(acc.second()).isEqualByComparingTo("10.00");
        assertThat(acc.events).isEqualTo(5);
    }
}
