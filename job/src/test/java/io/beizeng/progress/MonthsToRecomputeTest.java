package io.beizeng.progress;

import static org.assertj.core.api.Assertions.assertThat;

import io.beizeng.config.Indicator;
import io.beizeng.config.ParkPlan;
import io.beizeng.config.Plan;
import io.beizeng.model.ChainProgressRow;
import io.beizeng.model.Cell;
import io.beizeng.model.LeadingTier;
import io.beizeng.model.MonthTotal;
import io.beizeng.model.DistrictProgressRow;
import io.beizeng.model.LeadingStatus;
import io.beizeng.model.Chain;
import io.beizeng.model.MonthCalendar;
import io.beizeng.model.ParkProgressRow;
import io.beizeng.config.Region;
import io.beizeng.testing.TestPlans;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The plan progress recomputes only the months that can have changed since its last flush. Over random sequences of
 * totals (in order, late, before the baseline year, with gaps of empty months, stock changes and leading standings),
 * the tables it writes that way must equal, after every flush, the tables computed in full from all totals.
 */
class MonthsToRecomputeTest {
    private static final Plan PLAN = TestPlans.zaozhuang();
    private static final DistrictProgress DISTRICTS = new DistrictProgress(PLAN);
    private static final ChainProgress CHAINS = new ChainProgress(PLAN);
    private static final ParkProgress PARKS = new ParkProgress(PLAN);
    private static final Indicator[] FLOWS = {Indicator.OUTPUT_VALUE, Indicator.REVENUE,
            Indicator.INDUSTRIAL_INVESTMENT, Indicator.TECH_RENOVATION_INVESTMENT, Indicator.MAJOR_PROJECTS};
    private static final Indicator[] STOCKS = {Indicator.ABOVE_SCALE_ENTERPRISES, Indicator.SPECIALIZED_SMES,
            Indicator.HIGH_TECH_ENTERPRISES, Indicator.LISTED_ENTERPRISES};

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void writesTheSameTablesAsRecomputingEverything(long seed) {
        Random random = new Random(seed);
        List<Region> districts = PLAN.districts();
        List<ParkPlan> parks = PLAN.parks();
        Map<MonthTotal.Key, MonthTotal> totals = new HashMap<>();
        Map<LeadingStatus.Key, LeadingStatus> leading = new HashMap<>();
        Map<Object, Record> written = new HashMap<>();
        PlanProgress.MonthsToRecompute months = new PlanProgress.MonthsToRecompute();
        int current = MonthCalendar.index(PLAN.baselineYear() - 1, 10);
        long computedRows = 0;
        long fullRows = 0;
        for (int flush = 0; flush < 40; flush++) {
            current += random.nextInt(10) == 0 ? 3 + random.nextInt(3) : random.nextInt(2);
            int updates = random.nextInt(7);
            for (int u = 0; u < updates; u++) {
                int month = random.nextInt(4) == 0 ? current - random.nextInt(15) : current;
                String district = districts.get(random.nextInt(districts.size())).code();
                int kind = random.nextInt(10);
                if (kind < 6) {
                    Indicator indicator = FLOWS[random.nextInt(FLOWS.length)];
                    Chain chain = indicator.source() == Indicator.Source.PRODUCTION
                            ? Chain.values()[random.nextInt(Chain.values().length)] : null;
                    String park = chain != null && random.nextBoolean()
                            ? parks.get(random.nextInt(parks.size())).id() : null;
                    MonthTotal t = new MonthTotal(indicator, new Cell(district, chain, park), month,
                            BigDecimal.valueOf(random.nextInt(1_000_000_000), 2), 1 + random.nextInt(100), 0);
                    totals.put(t.key(), t);
                } else if (kind < 9) {
                    MonthTotal t = new MonthTotal(STOCKS[random.nextInt(STOCKS.length)], Cell.of(district), month,
                            BigDecimal.valueOf(random.nextInt(7) - 3, 0), 0, Long.MIN_VALUE);
                    totals.put(t.key(), t);
                } else {
                    LeadingTier tier = random.nextBoolean() ? LeadingTier.REVENUE_OVER_10B
                            : random.nextBoolean() ? LeadingTier.REVENUE_OVER_5B : LeadingTier.NONE;
                    LeadingStatus l = new LeadingStatus(PLAN.planId(), "E" + random.nextInt(20), district,
                            MonthCalendar.year(month), MonthCalendar.month(month),
                            BigDecimal.valueOf(random.nextLong(20_000_000_000_00L), 2), tier);
                    leading.put(l.key(), l);
                }
                months.changed(month);
            }

            int from = months.from();
            PlanTotals all = PlanTotals.of(totals.values());
            List<DistrictProgressRow> rows = DISTRICTS.rows(all, leading.values(), from, Integer.MAX_VALUE);
            List<ChainProgressRow> chainRows = CHAINS.rows(all, from);
            List<ParkProgressRow> parkRows = PARKS.rows(all, from);
            rows.forEach(r -> written.put(r.key(), r));
            chainRows.forEach(r -> written.put(r.key(), r));
            parkRows.forEach(r -> written.put(r.key(), r));
            months.computed(rows.stream().mapToInt(r -> MonthCalendar.index(r.year(), r.month())).max()
                    .orElse(Integer.MIN_VALUE));
            computedRows += rows.size() + chainRows.size() + parkRows.size();

            Map<Object, Record> full = new HashMap<>();
            DISTRICTS.rows(all, leading.values()).forEach(r -> full.put(r.key(), r));
            CHAINS.rows(all, Integer.MIN_VALUE).forEach(r -> full.put(r.key(), r));
            PARKS.rows(all, Integer.MIN_VALUE).forEach(r -> full.put(r.key(), r));
            fullRows += full.size();
            assertThat(written).as("seed %d, flush %d", seed, flush).isEqualTo(full);
        }
        // the point of it: far fewer rows computed than recomputing everything at every flush
        assertThat(computedRows).isLessThan(fullRows / 3);
    }

    @ParameterizedTest
    @ValueSource(longs = {11, 12, 13})
    void theRowsOfAMonthRangeAreThoseOfTheFullComputation(long seed) {
        Random random = new Random(seed);
        List<MonthTotal> totals = new java.util.ArrayList<>();
        int first = MonthCalendar.index(PLAN.baselineYear() - 1, 1);
        for (int i = 0; i < 400; i++) {
            int month = first + random.nextInt(40);
            String district = PLAN.districts().get(random.nextInt(PLAN.districts().size())).code();
            boolean stock = random.nextInt(3) == 0;
            totals.add(new MonthTotal(stock ? STOCKS[random.nextInt(STOCKS.length)] : FLOWS[random.nextInt(FLOWS.length)],
                    new Cell(district, stock ? null : Chain.TRADITIONAL, null), month,
                    BigDecimal.valueOf(random.nextInt(2_000_000) - 1_000_000, 2), stock ? 0 : 1, 0));
        }
        PlanTotals planTotals = PlanTotals.of(totals);
        Map<DistrictProgressRow.Key, DistrictProgressRow> all = DISTRICTS.rows(planTotals, List.of()).stream()
                .collect(Collectors.toMap(DistrictProgressRow::key, Function.identity()));
        for (int i = 0; i < 20; i++) {
            int from = first + random.nextInt(45);
            int to = from + random.nextInt(6);
            Map<DistrictProgressRow.Key, DistrictProgressRow> expected = all.values().stream()
                    .filter(r -> {
                        int m = MonthCalendar.index(r.year(), r.month());
                        return m >= from && m <= to;
                    })
                    .collect(Collectors.toMap(DistrictProgressRow::key, Function.identity()));
            assertThat(DISTRICTS.rows(planTotals, List.of(), from, to))
                    .as("months %d..%d", from, to)
                    .containsExactlyInAnyOrderElementsOf(expected.values());
        }
    }
}
