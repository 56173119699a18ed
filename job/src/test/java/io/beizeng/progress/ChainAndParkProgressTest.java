package io.beizeng.progress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.beizeng.config.Indicator;
import io.beizeng.config.Plan;
import io.beizeng.config.PlanLoader;
import io.beizeng.model.Cell;
import io.beizeng.model.Chain;
import io.beizeng.model.ChainProgressRow;
import io.beizeng.model.MonthCalendar;
import io.beizeng.model.MonthTotal;
import io.beizeng.model.ParkProgressRow;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Chain and park rows on a small plan, with figures worked out by hand. */
class ChainAndParkProgressTest {
    private static final Plan PLAN = PlanLoader.parse("""
            {"planId": "p", "name": "test", "timezone": "Asia/Shanghai", "baselineYear": 2023, "targetYear": 2025,
             "city": {"code": "C", "name": "City"},
             "districts": [{"code": "A", "name": "A"}, {"code": "B", "name": "B"}],
             "indicators": {"OUTPUT_VALUE": {"multiplier": 2, "baselines": {"A": "1200.00", "B": "600.00"}},
                            "REVENUE": {"multiplier": 2, "baselines": {"A": "1200.00", "B": "600.00"}}},
             "chainIndicators": ["OUTPUT_VALUE", "REVENUE"],
             "chains": {"NEW_ENERGY": {"clusterTarget": 1000}},
             "parks": [{"id": "P1", "name": "一园", "nameEn": "Park one", "baseline": 120, "multiplier": 2,
                        "indicators": {"REVENUE": {"baseline": 100, "multiplier": 3}}},
                       {"id": "P2", "name": "二园", "baseline": 60, "multiplier": 2}]}
            """);

    private static MonthTotal total(Indicator indicator, String district, Chain chain, String park, int year,
            int month, String value) {
        return new MonthTotal(indicator, new Cell(district, chain, park), MonthCalendar.index(year, month),
                new BigDecimal(value), 1, 0);
    }

    private static final PlanTotals TOTALS = PlanTotals.of(List.of(
            total(Indicator.OUTPUT_VALUE, "A", Chain.NEW_ENERGY, "P1", 2022, 12, "40.00"),
            total(Indicator.OUTPUT_VALUE, "A", Chain.NEW_ENERGY, "P1", 2023, 1, "10.00"),
            total(Indicator.OUTPUT_VALUE, "B", Chain.NEW_ENERGY, "P2", 2023, 1, "6.00"),
            total(Indicator.OUTPUT_VALUE, "B", Chain.TRADITIONAL, null, 2023, 2, "7.00"),
            total(Indicator.REVENUE, "A", Chain.NEW_ENERGY, "P1", 2023, 2, "20.00")));

    @Test
    void everyChainHasARowPerIndicatorAndMonthTheClusterIndicatorAgainstItsTarget() {
        Map<ChainProgressRow.Key, ChainProgressRow> rows = new ChainProgress(PLAN).rows(TOTALS, Integer.MIN_VALUE)
                .stream().collect(Collectors.toMap(ChainProgressRow::key, Function.identity()));
        // January and February 2023, seven chains, two indicators
        assertThat(rows).hasSize(2 * 7 * 2);
        ChainProgressRow energyFeb = rows.get(new ChainProgressRow.Key("NEW_ENERGY", "OUTPUT_VALUE", 2023, 2));
        assertThat(energyFeb.monthValue()).isEqualByComparingTo("0.00");
        assertThat(energyFeb.ytdValue()).isEqualByComparingTo("16.00");
        // December 2022 is in the rolling sum, and 2022 has events: a prior YTD of 0 in 2023, so no growth
        assertThat(energyFeb.rolling12Value()).isEqualByComparingTo("56.00");
        assertThat(energyFeb.priorYtdValue()).isEqualByComparingTo("0.00");
        assertThat(energyFeb.yoyGrowth()).isNull();
        assertThat(energyFeb.clusterTarget()).isEqualByComparingTo("1000.00");
        assertThat(energyFeb.progress()).isCloseTo(0.056, within(1e-15));
        ChainProgressRow energyRevenue = rows.get(new ChainProgressRow.Key("NEW_ENERGY", "REVENUE", 2023, 2));
        assertThat(energyRevenue.ytdValue()).isEqualByComparingTo("20.00");
        assertThat(energyRevenue.clusterTarget()).as("the cluster target is of the cluster indicator").isNull();
        assertThat(energyRevenue.progress()).isNull();
        ChainProgressRow traditional = rows.get(new ChainProgressRow.Key("TRADITIONAL", "OUTPUT_VALUE", 2023, 2));
        assertThat(traditional.monthValue()).isEqualByComparingTo("7.00");
        assertThat(traditional.clusterTarget()).isNull();
    }

    @Test
    void everyParkHasARowPerIndicatorItHasATargetForRankedAmongThoseParks() {
        Map<ParkProgressRow.Key, ParkProgressRow> rows = new ParkProgress(PLAN).rows(TOTALS, Integer.MIN_VALUE)
                .stream().collect(Collectors.toMap(ParkProgressRow::key, Function.identity()));
        // two months: both parks' output value, P1's revenue
        assertThat(rows).hasSize(2 * 3);
        ParkProgressRow p1 = rows.get(new ParkProgressRow.Key("P1", "OUTPUT_VALUE", 2023, 1));
        ParkProgressRow p2 = rows.get(new ParkProgressRow.Key("P2", "OUTPUT_VALUE", 2023, 1));
        assertThat(p1.parkName()).isEqualTo("一园 Park one");
        assertThat(p2.parkName()).isEqualTo("二园");
        // completion 10/120 against 6/60: P2 first
        assertThat(p1.completionRatio()).isCloseTo(10.0 / 120, within(1e-15));
        assertThat(p2.rank()).isEqualTo(1);
        assertThat(p1.rank()).isEqualTo(2);
        assertThat(p1.targetValue()).isEqualByComparingTo("240.00");
        // doubling progress (rolling 12 − B) / (target − B) = (50 − 120) / 120
        assertThat(p1.doublingProgress()).isCloseTo(-70.0 / 120, within(1e-15));
        ParkProgressRow revenue = rows.get(new ParkProgressRow.Key("P1", "REVENUE", 2023, 2));
        assertThat(revenue.baselineValue()).isEqualByComparingTo("100.00");
        assertThat(revenue.targetValue()).isEqualByComparingTo("300.00");
        assertThat(revenue.ytdValue()).isEqualByComparingTo("20.00");
        assertThat(revenue.rank()).isEqualTo(1);
        assertThat(rows).doesNotContainKey(new ParkProgressRow.Key("P2", "REVENUE", 2023, 2));
    }
}
