package io.beizeng.progress;

import static org.assertj.core.api.Assertions.assertThat;

import io.beizeng.model.AttributedOutput;
import io.beizeng.model.Chain;
import io.beizeng.model.InvestmentEvent;
import io.beizeng.model.InvestmentEventType;
import io.beizeng.model.MonthCalendar;
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

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    private static AttributedOutput output(String district, Chain chain, String park, long ts, long cents) {
        return new AttributedOutput("E1", district, "T1", chain, park, ts, cents, cents / 2, 0, false);
    }

    @Test
    void productionSumsAreKeyedByDistrictChainAndParkOfTheEventsMonth() {
        MonthTotals.Production production =
                new MonthTotals.Production(CalendarWindows.months(new MonthCalendar(SHANGHAI), 1_000));
        Random random = new Random(7);
        Chain[] chains = Chain.values();
        // more cells than the cache keeps, so that its clearing is crossed too
        for (int i = 0; i < 3 * MonthTotals.Production.MAX_CELLS; i++) {
            // new String: equal cells arrive as different objects, as they do after a restore
            String district = new String("3704" + random.nextInt(100));
            Chain chain = chains[random.nextInt(chains.length)];
            String park = random.nextInt(4) == 0 ? null : new String("P" + random.nextInt(40));
            long ts = 1_672_502_400_000L + (long) random.nextInt(730) * 86_400_000L + random.nextInt(86_400_000);
            long cents = random.nextInt(1_000_000);

            PartialSums sums = production.map(output(district, chain, park, ts, cents));

            assertThat(sums.key()).isEqualTo(district + "|" + chain.name() + "|" + (park == null ? "" : park));
            ZonedDateTime local = Instant.ofEpochMilli(ts).atZone(SHANGHAI);
            long nextMonth = local.toLocalDate().withDayOfMonth(1).plusMonths(1).atStartOfDay(SHANGHAI)
                    .toInstant().toEpochMilli();
            assertThat(sums.windowEnd()).isEqualTo(nextMonth);
            assertThat(sums.sums().first()).isEqualByComparingTo(BigDecimal.valueOf(cents, 2));
            assertThat(sums.sums().second()).isEqualByComparingTo(BigDecimal.valueOf(cents / 2, 2));
            assertThat(sums.sums().events).isEqualTo(1);
        }
    }

    @Test
    void aCellsKeyIsBuiltOnceSoTheCombinerHashesItOnce() {
        MonthTotals.Production production =
                new MonthTotals.Production(CalendarWindows.months(new MonthCalendar(SHANGHAI), 1_000));
        PartialSums first = production.map(output(new String("370402"), Chain.NEW_ENERGY, new String("P7"), 0, 1));
        PartialSums again = production.map(output(new String("370402"), Chain.NEW_ENERGY, new String("P7"), 0, 2));
        PartialSums other = production.map(output(new String("370402"), Chain.NEW_ENERGY, null, 0, 3));
        assertThat(again.key()).isSameAs(first.key());
        assertThat(other.key()).isEqualTo("370402|NEW_ENERGY|").isNotEqualTo(first.key());
    }
}
