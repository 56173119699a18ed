package io.beizeng.progress;

import io.beizeng.config.Assessment;
import io.beizeng.config.Indicator;
import io.beizeng.config.Plan;
import io.beizeng.config.Region;
import io.beizeng.model.AssessmentScore;
import io.beizeng.model.AssessmentTotal;
import io.beizeng.model.DistrictProgressRow;
import java.io.Serializable;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The quarterly assessment of a plan's districts ("一季一考核"), a pure function of the district_progress rows of the
 * quarter's last month:
 *
 * <ul>
 *   <li>an indicator's score is 100 × min(completion / time progress, cap) (a stock's time progress is 1), none
 *       without a completion ratio; a per-capita indicator's is 100 × min(YTD per person of the district / of the
 *       city, cap), none without a population or a positive city figure;
 *   <li>a district's total is Σ weight × score / Σ weight over its indicators with a score; its rank 1..n by total
 *       descending, ties by code, districts without a total last; its grade the first whose minimum the total
 *       reaches.
 * </ul>
 * Scores are computed from the rows' exact amounts, not from their rounded ratios.
 */
public final class QuarterlyAssessment implements Serializable {
    private static final MathContext EXACT = MathContext.DECIMAL128;
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
    private static final BigDecimal TWELVE = BigDecimal.valueOf(12);

    private final Plan plan;

    /** The assessment of one quarter: every district's line per indicator, and its total. */
    public record Quarter(List<AssessmentScore> scores, List<AssessmentTotal> totals) {}

    private record RegionIndicator(String region, String indicator) {}

    public QuarterlyAssessment(Plan plan) {
        this.plan = plan;
    }

    /** Whether the plan has an assessment. */
    public boolean applies() {
        return plan.assessment() != null;
    }

    /**
     * @param rows every district_progress row of the quarter's last month, city and districts
     * @param isFinal whether that month is closed for corrections
     */
    public Quarter of(int year, int quarter, Collection<DistrictProgressRow> rows, boolean isFinal) {
        Assessment assessment = plan.assessment();
        Map<RegionIndicator, DistrictProgressRow> byRegionAndIndicator = new HashMap<>();
        for (DistrictProgressRow r : rows) {
            byRegionAndIndicator.put(new RegionIndicator(r.regionCode(), r.indicator()), r);
        }
        BigDecimal cap = assessment.cap();
        List<AssessmentScore> scores = new ArrayList<>();
        Map<String, BigDecimal> totals = new HashMap<>();
        Long cityPersons = plan.population().city(plan.districts(), year);
        for (Region d : plan.districts()) {
            BigDecimal weighted = BigDecimal.ZERO;
            BigDecimal weights = BigDecimal.ZERO;
            for (Map.Entry<Indicator, Assessment.Weight> e : assessment.indicators().entrySet()) {
                Indicator indicator = e.getKey();
                Assessment.Weight w = e.getValue();
                DistrictProgressRow row = byRegionAndIndicator.get(new RegionIndicator(d.code(), indicator.name()));
                if (row == null) {
                    continue;
                }
                BigDecimal ratio;
                BigDecimal value;
                if (w.perCapita()) {
                    DistrictProgressRow city = byRegionAndIndicator.get(
                            new RegionIndicator(plan.city().code(), indicator.name()));
                    Long persons = plan.population().of(d.code(), year);
                    ratio = city == null || persons == null || cityPersons == null || city.ytdValue().signum() <= 0
                            ? null
                            : row.ytdValue().multiply(BigDecimal.valueOf(cityPersons))
                                    .divide(BigDecimal.valueOf(persons).multiply(city.ytdValue()), EXACT);
                    value = row.ytdPerCapita();
                } else {
                    BigDecimal time = indicator.isStock() ? BigDecimal.ONE
                            : BigDecimal.valueOf(row.month()).divide(TWELVE, EXACT);
                    ratio = row.annualTarget().signum() == 0 ? null
                            : row.ytdValue().divide(row.annualTarget().multiply(time), EXACT);
                    value = row.ytdValue();
                }
                BigDecimal score = ratio == null ? null : HUNDRED.multiply(ratio.min(cap));
                scores.add(new AssessmentScore(plan.planId(), d.code(), year, quarter, indicator.name(), w.weight(),
                        w.perCapita(), value, row.completionRatio(), row.timeProgress(),
                        score == null ? null : score.doubleValue()));
                if (score != null) {
                    weighted = weighted.add(w.weight().multiply(score));
                    weights = weights.add(w.weight());
                }
            }
            totals.put(d.code(), weights.signum() == 0 ? null : weighted.divide(weights, EXACT));
        }
        List<String> order = new ArrayList<>(totals.keySet());
        order.sort((a, b) -> {
            BigDecimal ta = totals.get(a);
            BigDecimal tb = totals.get(b);
            if (ta == null || tb == null) {
                return ta == null && tb == null ? a.compareTo(b) : ta == null ? 1 : -1;
            }
            int c = tb.compareTo(ta);
            return c != 0 ? c : a.compareTo(b);
        });
        List<AssessmentTotal> rows2 = new ArrayList<>();
        for (Region d : plan.districts()) {
            BigDecimal total = totals.get(d.code());
            rows2.add(new AssessmentTotal(plan.planId(), d.code(), year, quarter,
                    total == null ? null : total.doubleValue(), order.indexOf(d.code()) + 1,
                    total == null ? null : assessment.gradeOf(total), isFinal));
        }
        return new Quarter(scores, rows2);
    }
}
