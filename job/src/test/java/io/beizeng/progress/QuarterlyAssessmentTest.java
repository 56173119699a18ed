package io.beizeng.progress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.beizeng.config.Plan;
import io.beizeng.config.PlanLoader;
import io.beizeng.model.AnnualReviewRow;
import io.beizeng.model.AssessmentScore;
import io.beizeng.model.AssessmentTotal;
import io.beizeng.model.DistrictProgressRow;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The assessment's scoring on rows worked out by hand. */
class QuarterlyAssessmentTest {
    private static Plan plan(String assessment) {
        return PlanLoader.parse("""
                {"planId": "p", "name": "test", "timezone": "Asia/Shanghai", "baselineYear": 2024, "targetYear": 2026,
                 "city": {"code": "C", "name": "City"},
                 "districts": [{"code": "A", "name": "A"}, {"code": "B", "name": "B"}, {"code": "D", "name": "D"}],
                 "indicators": {
                   "OUTPUT_VALUE": {"multiplier": 2, "baselines": {"A": "1200.00", "B": "1200.00", "D": "1200.00"}},
                   "REVENUE": {"multiplier": 2, "baselines": {"A": "1200.00", "B": "1200.00", "D": "1200.00"}},
                   "ABOVE_SCALE_ENTERPRISES": {"multiplier": 2, "baselines": {"A": "10", "B": "10", "D": "10"}}},
                 "population": {"A": 100, "B": 200, "D": 100},
                 "assessment": %s}
                """.formatted(assessment));
    }

    /** A row of the quarter's last month with its YTD and annual target (other columns do not count). */
    private static DistrictProgressRow row(String region, String indicator, int month, String ytd, String annual,
            String perCapita) {
        double time = indicator.equals("ABOVE_SCALE_ENTERPRISES") ? 1.0 : month / 12.0;
        BigDecimal a = new BigDecimal(annual);
        return new DistrictProgressRow("p", region, region.equals("C") ? "CITY" : "DISTRICT", indicator, 2024, month,
                BigDecimal.ZERO, new BigDecimal(ytd), null, null, BigDecimal.ZERO, BigDecimal.ONE, BigDecimal.ONE, a,
                time, a.signum() == 0 ? null : new BigDecimal(ytd).doubleValue() / a.doubleValue(), null, "ON_TRACK",
                region.equals("C") ? null : 1, perCapita == null ? null : new BigDecimal(perCapita));
    }

    private static Map<String, AssessmentScore> scores(QuarterlyAssessment.Quarter q) {
        return q.scores().stream().collect(Collectors.toMap(s -> s.regionCode() + " " + s.indicator(),
                Function.identity()));
    }

    private static Map<String, AssessmentTotal> totals(QuarterlyAssessment.Quarter q) {
        return q.totals().stream().collect(Collectors.toMap(AssessmentTotal::regionCode, Function.identity()));
    }

    @Test
    void aScoreIsCompletionAgainstTimeProgressCappedAndNoneWithoutACompletionRatio() {
        Plan plan = plan("""
                {"indicators": {"OUTPUT_VALUE": {"weight": 3}, "ABOVE_SCALE_ENTERPRISES": {"weight": 1}}, "cap": 1.2}""");
        // June: time progress 1/2. A: 300 of 1200 (0.25 / 0.5 = 0.5), B: 900 (0.75 / 0.5 = 1.5, capped at 1.2),
        // D: 600 (exactly 1); stocks against time 1: A 8 of 10, B 10 of 10, D no target
        List<DistrictProgressRow> rows = List.of(
                row("A", "OUTPUT_VALUE", 6, "300.00", "1200.00", null),
                row("B", "OUTPUT_VALUE", 6, "900.00", "1200.00", null),
                row("D", "OUTPUT_VALUE", 6, "600.00", "1200.00", null),
                row("A", "ABOVE_SCALE_ENTERPRISES", 6, "8.00", "10.00", null),
                row("B", "ABOVE_SCALE_ENTERPRISES", 6, "10.00", "10.00", null),
                row("D", "ABOVE_SCALE_ENTERPRISES", 6, "4.00", "0.00", null));
        QuarterlyAssessment.Quarter q = new QuarterlyAssessment(plan).of(2024, 2, rows, false);
        Map<String, AssessmentScore> s = scores(q);
        assertThat(s.get("A OUTPUT_VALUE").score()).isCloseTo(50.0, within(1e-12));
        assertThat(s.get("B OUTPUT_VALUE").score()).isCloseTo(120.0, within(1e-12));
        assertThat(s.get("D OUTPUT_VALUE").score()).isCloseTo(100.0, within(1e-12));
        assertThat(s.get("A ABOVE_SCALE_ENTERPRISES").score()).isCloseTo(80.0, within(1e-12));
        assertThat(s.get("D ABOVE_SCALE_ENTERPRISES").score()).isNull();
        assertThat(s.get("A OUTPUT_VALUE").value()).isEqualByComparingTo("300.00");
        Map<String, AssessmentTotal> t = totals(q);
        // A: (3 × 50 + 80) / 4 = 57.5; B: (3 × 120 + 100) / 4 = 115; D: only its scored indicator, 100
        assertThat(t.get("A").totalScore()).isCloseTo(57.5, within(1e-12));
        assertThat(t.get("B").totalScore()).isCloseTo(115.0, within(1e-12));
        assertThat(t.get("D").totalScore()).isCloseTo(100.0, within(1e-12));
        assertThat(t.get("B").rank()).isEqualTo(1);
        assertThat(t.get("D").rank()).isEqualTo(2);
        assertThat(t.get("A").rank()).isEqualTo(3);
        // grades at their boundaries: 100 is an A (the minimum reached), 57.5 a D
        assertThat(t.get("D").grade()).isEqualTo("A");
        assertThat(t.get("B").grade()).isEqualTo("A");
        assertThat(t.get("A").grade()).isEqualTo("D");
        assertThat(t.values()).allSatisfy(x -> assertThat(x.isFinal()).isFalse());
    }

    @Test
    void equalTotalsRankByCodeAndAGradeNeedsItsMinimumReached() {
        Plan plan = plan("""
                {"indicators": {"OUTPUT_VALUE": {"weight": 1}},
                 "grades": [{"grade": "A", "minScore": 100}, {"grade": "B", "minScore": 90}, {"grade": "C", "minScore": 0}]}""");
        // March, time 1/4: B and D 270 of 1200 (0.225 / 0.25 = 90, a B), A 269.99 (just below 90: a C)
        List<DistrictProgressRow> rows = List.of(
                row("D", "OUTPUT_VALUE", 3, "270.00", "1200.00", null),
                row("B", "OUTPUT_VALUE", 3, "270.00", "1200.00", null),
                row("A", "OUTPUT_VALUE", 3, "269.99", "1200.00", null));
        Map<String, AssessmentTotal> t = totals(new QuarterlyAssessment(plan).of(2024, 1, rows, true));
        assertThat(t.get("B").rank()).isEqualTo(1);
        assertThat(t.get("D").rank()).isEqualTo(2);
        assertThat(t.get("A").rank()).isEqualTo(3);
        assertThat(t.get("B").grade()).isEqualTo("B");
        assertThat(t.get("D").grade()).isEqualTo("B");
        assertThat(t.get("A").grade()).isEqualTo("C");
        assertThat(t.get("A").isFinal()).isTrue();
    }

    @Test
    void aPerCapitaScoreComparesTheDistrictsYtdPerPersonWithTheCitys() {
        Plan plan = plan("""
                {"indicators": {"REVENUE": {"weight": 1, "perCapita": true}}, "cap": 2}""");
        // population A 100, B 200, D 100, city 400; YTD A 300, B 300, D 0: city 600 per 400 = 1.5 a person
        // A: 3 a person → 3 / 1.5 = 2 (the cap); B: 1.5 → 1; D: 0
        List<DistrictProgressRow> rows = List.of(
                row("A", "REVENUE", 9, "300.00", "1200.00", "3.00"),
                row("B", "REVENUE", 9, "300.00", "1200.00", "1.50"),
                row("D", "REVENUE", 9, "0.00", "1200.00", "0.00"),
                row("C", "REVENUE", 9, "600.00", "3600.00", "1.50"));
        QuarterlyAssessment.Quarter q = new QuarterlyAssessment(plan).of(2024, 3, rows, false);
        Map<String, AssessmentScore> s = scores(q);
        assertThat(s.get("A REVENUE").score()).isCloseTo(200.0, within(1e-12));
        assertThat(s.get("B REVENUE").score()).isCloseTo(100.0, within(1e-12));
        assertThat(s.get("D REVENUE").score()).isCloseTo(0.0, within(1e-12));
        assertThat(s.get("A REVENUE").value()).isEqualByComparingTo("3.00");
        assertThat(s.get("A REVENUE").perCapita()).isTrue();
        // a city without a positive figure gives no per-capita score
        List<DistrictProgressRow> none = new ArrayList<>(rows.subList(0, 3));
        none.add(row("C", "REVENUE", 9, "0.00", "3600.00", "0.00"));
        assertThat(scores(new QuarterlyAssessment(plan).of(2024, 3, none, false)).get("A REVENUE").score()).isNull();
        assertThat(totals(new QuarterlyAssessment(plan).of(2024, 3, none, false)).get("A").totalScore()).isNull();
    }

    @Test
    void theAnnualReviewTakesDecemberAndTheRankOfTheYearBefore() {
        Plan plan = plan("""
                {"indicators": {"OUTPUT_VALUE": {"weight": 1}}}""");
        List<DistrictProgressRow> december = List.of(
                row("A", "OUTPUT_VALUE", 12, "1300.00", "1200.00", null),
                row("B", "OUTPUT_VALUE", 12, "600.00", "1200.00", null),
                row("D", "OUTPUT_VALUE", 12, "900.00", "1200.00", null));
        QuarterlyAssessment assessment = new QuarterlyAssessment(plan);
        List<AssessmentTotal> q4 = assessment.of(2024, 4, december, true).totals();
        List<AssessmentTotal> before = List.of(new AssessmentTotal("p", "A", 2023, 4, 90.0, 3, "B", true),
                new AssessmentTotal("p", "B", 2023, 4, 95.0, 1, "B", true),
                new AssessmentTotal("p", "D", 2023, 4, 92.0, 2, "B", true));
        Map<String, AnnualReviewRow> review = new AnnualReview(plan).of(2024, december, q4, before, true).stream()
                .collect(Collectors.toMap(AnnualReviewRow::regionCode, Function.identity()));
        assertThat(review.get("A").q4Rank()).isEqualTo(1);
        assertThat(review.get("A").rankChange()).isEqualTo(2);
        assertThat(review.get("B").rankChange()).isEqualTo(-2);
        assertThat(review.get("D").rankChange()).isZero();
        assertThat(review.get("A").q4TotalScore()).isCloseTo(100.0 * 1300 / 1200, within(1e-12));
        assertThat(review.get("A").indicators())
                .isEqualTo("{\"OUTPUT_VALUE\":{\"completion_ratio\":" + (1300.0 / 1200) + ",\"doubling_progress\":null}}");
        // without a year before, no change of rank
        assertThat(new AnnualReview(plan).of(2024, december, q4, List.of(), true))
                .allSatisfy(r -> assertThat(r.rankChange()).isNull());
    }
}
