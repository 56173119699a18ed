package io.beizeng.progress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.beizeng.config.Indicator;
import io.beizeng.config.Plan;
import io.beizeng.config.PlanLoader;
import io.beizeng.model.Cell;
import io.beizeng.model.MonthCalendar;
import io.beizeng.model.MonthTotal;
import io.beizeng.model.DistrictProgressRow;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Row rules on a two-district plan, with figures worked out by hand. */
class DistrictProgressTest {
    private static final Plan PLAN = PlanLoader.parse("""
            {"planId": "p", "name": "test", "timezone": "Asia/Shanghai", "baselineYear": 2023, "targetYear": 2025,
             "city": {"code": "C", "name": "City"},
             "districts": [{"code": "A", "name": "A"}, {"code": "B", "name": "B"}],
             "indicators": {"OUTPUT_VALUE": {"multiplier": 2, "baselines": {"A": "1200.00", "B": "600.00"}}}}
            """);

    private static MonthTotal total(String district, int year, int month, String value) {
        return total(district, year, month, Indicator.OUTPUT_VALUE, value);
    }

    private static MonthTotal total(String district, int year, int month, Indicator indicator, String value) {
        return new MonthTotal(indicator, Cell.of(district), MonthCalendar.index(year, month), new BigDecimal(value), 1, 0);
    }

    private static Map<String, DistrictProgressRow> rows(List<MonthTotal> totals) {
        return new DistrictProgress(PLAN).rows(PlanTotals.of(totals), List.of()).stream()
                .collect(Collectors.toMap(r -> r.regionCode() + " " + r.year() + "-" + r.month(), Function.identity()));
    }

    @Test
    void rowsFromJanuaryOfTheBaselineYearToTheLatestMonthWithData() {
        Map<String, DistrictProgressRow> rows = rows(List.of(
                total("A", 2022, 12, "100.00"), total("A", 2023, 1, "50.00"), total("B", 2023, 1, "30.00"),
                total("A", 2023, 2, "-10.00"), total("B", 2024, 1, "40.00")));
        assertThat(rows).hasSize(13 * 3); // 2023-01 .. 2024-01, two districts and the city
        DistrictProgressRow a2023_2 = rows.get("A 2023-2");
        assertThat(a2023_2.monthValue()).isEqualByComparingTo("-10.00");
        assertThat(a2023_2.ytdValue()).isEqualByComparingTo("40.00");
        // the months before the baseline year count in the rolling sum
        assertThat(rows.get("A 2023-1").rolling12Value()).isEqualByComparingTo("150.00");
        assertThat(rows.get("A 2023-11").rolling12Value()).isEqualByComparingTo("140.00");
        assertThat(rows.get("A 2023-12").rolling12Value()).isEqualByComparingTo("40.00");
        // 2022 has data, so 2023 has a prior YTD: zero in January, so no growth figure
        assertThat(rows.get("A 2023-1").priorYtdValue()).isEqualByComparingTo("0.00");
        assertThat(rows.get("A 2023-1").yoyGrowth()).isNull();
        // a new year starts its YTD afresh
        assertThat(rows.get("A 2024-1").ytdValue()).isEqualByComparingTo("0.00");
        assertThat(rows.get("A 2024-1").priorYtdValue()).isEqualByComparingTo("50.00");
        assertThat(rows.get("A 2024-1").yoyGrowth()).isCloseTo(-1.0, within(1e-15));
        assertThat(rows.get("B 2024-1").yoyGrowth()).isCloseTo(40.0 / 30 - 1, within(1e-15));
        // the city sums its districts
        DistrictProgressRow city = rows.get("C 2023-1");
        assertThat(city.regionLevel()).isEqualTo("CITY");
        assertThat(city.ytdValue()).isEqualByComparingTo("80.00");
        assertThat(city.baselineValue()).isEqualByComparingTo("1800.00");
        assertThat(city.targetValue()).isEqualByComparingTo("3600.00");
        assertThat(city.rank()).isNull();
        // annual target of 2024: 1200 × 2^(1/2) = 1697.056274… → 1697.06
        assertThat(rows.get("A 2024-1").annualTarget()).isEqualByComparingTo("1697.06");
        assertThat(rows.get("A 2023-1").annualTarget()).isEqualByComparingTo("1200.00");
        // doubling progress: (rolling − B) / (target − B) = (150 − 1200) / 1200
        assertThat(rows.get("A 2023-1").doublingProgress()).isCloseTo(-1050.0 / 1200, within(1e-15));
    }

    @Test
    void annualTargetsFollowEachIndicatorsOwnMultiplierWhenOneCalculatorIsAskedAgain() {
        Plan plan = PlanLoader.parse("""
                {"planId": "p", "name": "test", "timezone": "Asia/Shanghai", "baselineYear": 2023, "targetYear": 2025,
                 "city": {"code": "C", "name": "City"},
                 "districts": [{"code": "A", "name": "A"}, {"code": "B", "name": "B"}],
                 "indicators": {"OUTPUT_VALUE": {"multiplier": 2, "baselines": {"A": "1200.00", "B": "1200.00"}},
                                "REVENUE": {"multiplier": 3, "baselines": {"A": "1200.00", "B": "1200.00"}}}}
                """);
        DistrictProgress calculator = new DistrictProgress(plan);
        List<MonthTotal> totals = List.of(total("A", 2024, 1, "10.00"), total("A", 2025, 1, Indicator.REVENUE, "10.00"));
        List<DistrictProgressRow> first = calculator.rows(PlanTotals.of(totals), List.of());
        List<DistrictProgressRow> again = calculator.rows(PlanTotals.of(totals), List.of());
        assertThat(again).isEqualTo(first);
        Map<String, BigDecimal> targets = again.stream().filter(r -> r.month() == 1).collect(Collectors.toMap(
                r -> r.indicator() + " " + r.regionCode() + " " + r.year(), DistrictProgressRow::annualTarget));
        // 1200 × 2^(1/2) = 1697.056…, 1200 × 3^(1/2) = 2078.460…; in the target year B × M
        assertThat(targets.get("OUTPUT_VALUE A 2024")).isEqualByComparingTo("1697.06");
        assertThat(targets.get("OUTPUT_VALUE B 2024")).isEqualByComparingTo("1697.06");
        assertThat(targets.get("REVENUE A 2024")).isEqualByComparingTo("2078.46");
        assertThat(targets.get("REVENUE B 2024")).isEqualByComparingTo("2078.46");
        assertThat(targets.get("OUTPUT_VALUE A 2025")).isEqualByComparingTo("2400.00");
        assertThat(targets.get("REVENUE A 2025")).isEqualByComparingTo("3600.00");
        assertThat(targets.get("REVENUE C 2025")).isEqualByComparingTo("7200.00");
    }

    @Test
    void noPriorYearNoPriorYtd() {
        Map<String, DistrictProgressRow> rows = rows(List.of(total("A", 2023, 3, "10.00")));
        assertThat(rows).hasSize(3 * 3);
        assertThat(rows.get("A 2023-3").priorYtdValue()).isNull();
        assertThat(rows.get("C 2023-3").yoyGrowth()).isNull();
        assertThat(rows.get("B 2023-1").monthValue()).isEqualByComparingTo("0.00");
    }

    @Test
    void ranksByCompletionWithTiesByCode() {
        // A: 120/1200 = 0.1, B: 60/600 = 0.1 → tie, A first by code; then B ahead in February
        Map<String, DistrictProgressRow> rows = rows(List.of(
                total("A", 2023, 1, "120.00"), total("B", 2023, 1, "60.00"), total("B", 2023, 2, "1.00")));
        assertThat(rows.get("A 2023-1").rank()).isEqualTo(1);
        assertThat(rows.get("B 2023-1").rank()).isEqualTo(2);
        assertThat(rows.get("B 2023-2").rank()).isEqualTo(1);
        assertThat(rows.get("A 2023-2").rank()).isEqualTo(2);
        // 0.1 against 1/12 ± 0.02: on track; in February 0.1 against 1/6 − 0.02: behind
        assertThat(rows.get("A 2023-1").status()).isEqualTo("ON_TRACK");
        assertThat(rows.get("A 2023-2").status()).isEqualTo("BEHIND");
        assertThat(rows.get("A 2023-1").completionRatio()).isCloseTo(0.1, within(1e-15));
        assertThat(rows.get("A 2023-1").timeProgress()).isCloseTo(1 / 12.0, within(1e-15));
    }

    private static final Plan INVESTMENT_PLAN = PlanLoader.parse("""
            {"planId": "p", "name": "test", "timezone": "Asia/Shanghai", "baselineYear": 2023, "targetYear": 2025,
             "city": {"code": "C", "name": "City"},
             "districts": [{"code": "A", "name": "A"}, {"code": "B", "name": "B"}],
             "indicators": {
               "TECH_RENOVATION_INVESTMENT": {"multiplier": 1.44, "minYoyGrowth": 0.20,
                                              "baselines": {"A": "100.00", "B": "100.00"}},
               "MAJOR_PROJECTS": {"annualTargets": {"A": 1, "B": 3}}}}
            """);

    @Test
    void majorProjectsCountAgainstAYearlyTargetAndTechRenovationHasAGrowthFloor() {
        List<MonthTotal> totals = List.of(
                total("A", 2023, 3, Indicator.TECH_RENOVATION_INVESTMENT, "10.00"),
                total("B", 2023, 3, Indicator.TECH_RENOVATION_INVESTMENT, "10.00"),
                total("A", 2024, 3, Indicator.TECH_RENOVATION_INVESTMENT, "11.99"),
                total("B", 2024, 3, Indicator.TECH_RENOVATION_INVESTMENT, "12.00"),
                total("B", 2024, 2, Indicator.MAJOR_PROJECTS, "2.00"),
                total("A", 2024, 2, Indicator.MAJOR_PROJECTS, "0.00"));
        Map<String, DistrictProgressRow> rows = new DistrictProgress(INVESTMENT_PLAN)
                .rows(PlanTotals.of(totals), List.of()).stream()
                .collect(Collectors.toMap(r -> r.indicator() + " " + r.regionCode() + " " + r.year() + "-" + r.month(),
                        Function.identity()));
        // growth of 19.9 % is below the 20 % floor: BEHIND whatever the completion; 20 % exactly is not
        DistrictProgressRow a = rows.get("TECH_RENOVATION_INVESTMENT A 2024-3");
        DistrictProgressRow b = rows.get("TECH_RENOVATION_INVESTMENT B 2024-3");
        assertThat(a.yoyGrowth()).isCloseTo(0.199, within(1e-12));
        assertThat(a.status()).isEqualTo("BEHIND");
        assertThat(b.yoyGrowth()).isCloseTo(0.2, within(1e-12));
        // annual target 2024: 100 × 1.44^(1/2) = 120; 12 of 120 in March (time 0.25) is behind anyway
        assertThat(b.annualTarget()).isEqualByComparingTo("120.00");
        assertThat(b.status()).isEqualTo("BEHIND");
        // major projects: YTD count against the yearly count; the city's target is the sum
        DistrictProgressRow majorB = rows.get("MAJOR_PROJECTS B 2024-2");
        assertThat(majorB.ytdValue()).isEqualByComparingTo("2.00");
        assertThat(majorB.annualTarget()).isEqualByComparingTo("3.00");
        assertThat(majorB.completionRatio()).isCloseTo(2 / 3.0, within(1e-15));
        assertThat(majorB.targetValue()).isEqualByComparingTo("6.00");
        assertThat(majorB.doublingProgress()).isNull();
        assertThat(majorB.rank()).isEqualTo(1);
        DistrictProgressRow majorCity = rows.get("MAJOR_PROJECTS C 2024-2");
        assertThat(majorCity.annualTarget()).isEqualByComparingTo("4.00");
        assertThat(majorCity.ytdValue()).isEqualByComparingTo("2.00");
        assertThat(majorCity.baselineValue()).isEqualByComparingTo("0.00");
    }

    @Test
    void nothingBeforeTheBaselineYearMakesNoRows() {
        assertThat(rows(List.of(total("A", 2022, 5, "1.00")))).isEmpty();
        assertThat(rows(List.of())).isEmpty();
    }

    @Test
    void aDistrictsOwnMultiplierMakesItsTargetsAndTheCitysAreTheirSums() {
        Plan plan = PlanLoader.parse("""
                {"planId": "p", "name": "test", "timezone": "Asia/Shanghai", "baselineYear": 2023, "targetYear": 2025,
                 "city": {"code": "C", "name": "City"},
                 "districts": [{"code": "A", "name": "A"}, {"code": "B", "name": "B"}],
                 "indicators": {"OUTPUT_VALUE": {"multiplier": 2, "multipliers": {"A": 3},
                                                 "baselines": {"A": "1200.00", "B": "600.00"}}},
                 "population": {"A": 1000, "B": 3}}
                """);
        Map<String, DistrictProgressRow> rows = new DistrictProgress(plan)
                .rows(PlanTotals.of(List.of(total("A", 2024, 1, "600.00"), total("B", 2024, 1, "100.00"))), List.of())
                .stream().filter(r -> r.year() == 2024)
                .collect(Collectors.toMap(r -> r.regionCode() + " " + r.month(), Function.identity()));
        // A: 1200 × 3 = 3600, in 2024 1200 × 3^(1/2) = 2078.46; B: 600 × 2 = 1200, 600 × 2^(1/2) = 848.53
        assertThat(rows.get("A 1").targetValue()).isEqualByComparingTo("3600.00");
        assertThat(rows.get("A 1").annualTarget()).isEqualByComparingTo("2078.46");
        assertThat(rows.get("B 1").targetValue()).isEqualByComparingTo("1200.00");
        assertThat(rows.get("B 1").annualTarget()).isEqualByComparingTo("848.53");
        // the city's are the sums of its districts' rounded targets, not 1800 × 2
        assertThat(rows.get("C 1").targetValue()).isEqualByComparingTo("4800.00");
        assertThat(rows.get("C 1").annualTarget()).isEqualByComparingTo("2926.99");
        // completion and rank follow the district's own target: A 600 / 2078.46, B 100 / 848.53
        assertThat(rows.get("A 1").completionRatio()).isCloseTo(600 / 2078.46, within(1e-12));
        assertThat(rows.get("A 1").rank()).isEqualTo(1);
        // per person, half-up to 0.01: A 600 / 1000, B 100 / 3, the city 700 / 1003
        assertThat(rows.get("A 1").ytdPerCapita()).isEqualByComparingTo("0.60");
        assertThat(rows.get("B 1").ytdPerCapita()).isEqualByComparingTo("33.33");
        assertThat(rows.get("C 1").ytdPerCapita()).isEqualByComparingTo("0.70");
    }
}
