package io.beizeng.progress;

import static org.assertj.core.api.Assertions.assertThat;

import io.beizeng.config.Indicator;
import io.beizeng.model.AttributedOutput;
import io.beizeng.model.Cell;
import io.beizeng.model.Chain;
import io.beizeng.model.InvestmentEvent;
import io.beizeng.model.InvestmentEventType;
import io.beizeng.model.MonthCalendar;
import io.beizeng.model.MonthTotal;
import io.beizeng.runtime.ExactSums;
import io.beizeng.testing.Amounts;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MonthTotalsTest {
    private static InvestmentEvent event(InvestmentEventType type, long cents, boolean tech) {
        return new InvestmentEvent("i", "P", 0, type, "370402", null, cents, tech, null);
    }

    @Test
    void aProjectExactlyAtTheThresholdIsMajorOneCentBelowIsNot() {
        MonthTotals.Investment totals = new MonthTotals.Investment(new BigDecimal("5000000000"));
        ExactSums acc = totals.createAccumulator();
        totals.add(event(InvestmentEventType.SIGNED, 500_000_000_000L, false), acc);
        totals.add(event(InvestmentEventType.SIGNED, 499_999_999_999L, false), acc);
        totals.add(event(InvestmentEventType.STARTED, 900_000_000_000L, false), acc);
        assertThat(acc.count(Indicator.MAJOR_PROJECTS.slot())).isEqualTo(1);
        // signing is not investment; reports are, and technical renovation is a part of them
        totals.add(event(InvestmentEventType.INVESTMENT_REPORTED, 1_000, true), acc);
        totals.add(event(InvestmentEventType.INVESTMENT_REPORTED, 500, false), acc);
        assertThat(acc.value(Indicator.INDUSTRIAL_INVESTMENT.slot(), 2)).isEqualByComparingTo("15.00");
        assertThat(acc.value(Indicator.TECH_RENOVATION_INVESTMENT.slot(), 2)).isEqualByComparingTo("10.00");
        assertThat(acc.events).isEqualTo(5);
    }

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    private static AttributedOutput output(String district, Chain chain, String park, long ts, long cents) {
        return new AttributedOutput("E1", district, "T1", chain, park, ts, Amounts.of(cents, cents / 2), 0, false);
    }

    @Test
    void productionSumsAreKeyedByDistrictChainAndParkOfTheEventsMonth() {
        MonthTotals.Production production =
                new MonthTotals.Production(CalendarWindows.months(new MonthCalendar(SHANGHAI), 1_000));
        Random random = new Random(7);
        Chain[] chains = Chain.values();
        for (int i = 0; i < 30_000; i++) {
            // new String: equal cells arrive as different objects, as they do after a restore
            String district = new String("3704" + random.nextInt(100));
            Chain chain = chains[random.nextInt(chains.length)];
            String park = random.nextInt(4) == 0 ? null : new String("P" + random.nextInt(40));
            long ts = 1_672_502_400_000L + (long) random.nextInt(730) * 86_400_000L + random.nextInt(86_400_000);
            long cents = random.nextInt(1_000_000);

            PartialSums sums = production.map(output(district, chain, park, ts, cents));

            assertThat(sums.cell()).isEqualTo(new Cell(district, chain, park));
            ZonedDateTime local = Instant.ofEpochMilli(ts).atZone(SHANGHAI);
            long nextMonth = local.toLocalDate().withDayOfMonth(1).plusMonths(1).atStartOfDay(SHANGHAI)
                    .toInstant().toEpochMilli();
            assertThat(sums.windowEnd()).isEqualTo(nextMonth);
            assertThat(sums.sums().value(Indicator.OUTPUT_VALUE.slot(), 2))
                    .isEqualByComparingTo(BigDecimal.valueOf(cents, 2));
            assertThat(sums.sums().value(Indicator.REVENUE.slot(), 2))
                    .isEqualByComparingTo(BigDecimal.valueOf(cents / 2, 2));
            assertThat(sums.sums().events).isEqualTo(1);
        }
    }

    @Test
    void keysHashByNamesSoThatEveryTaskManagerPlacesThemAlike() {
        // an enum's own hashCode is its identity, which differs from JVM to JVM: keys must not use it
        Cell cell = new Cell(new String("370402"), Chain.NEW_ENERGY, new String("P7"));
        assertThat(cell.hashCode())
                .isEqualTo(("370402".hashCode() * 31 + "NEW_ENERGY".hashCode()) * 31 + "P7".hashCode());
        assertThat(Cell.of("370402").hashCode()).isEqualTo("370402".hashCode() * 31 * 31);
        MonthTotal.Key key = new MonthTotal.Key(Indicator.REVENUE, cell, 24_300);
        assertThat(key.hashCode()).isEqualTo(("REVENUE".hashCode() * 31 + cell.hashCode()) * 31 + 24_300);
        assertThat(key).isEqualTo(new MonthTotal.Key(Indicator.REVENUE,
                new Cell("370402", Chain.NEW_ENERGY, "P7"), 24_300));
    }
}
