package io.beizeng.progress;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.beizeng.config.Indicator;
import io.beizeng.config.Plan;
import io.beizeng.config.Region;
import io.beizeng.model.AnnualReviewRow;
import io.beizeng.model.AssessmentTotal;
import io.beizeng.model.DistrictProgressRow;
import java.io.Serializable;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.ArrayList;
import java.util.Map;

/**
 * The annual review of a plan's districts ("一年一观摩"), a pure function: per district, every indicator's completion
 * ratio and doubling progress in December (a JSON object by indicator), the fourth quarter's total score, rank and
 * grade, and how the rank moved against the year before.
 */
public final class AnnualReview implements Serializable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Plan plan;

    public AnnualReview(Plan plan) {
        this.plan = plan;
    }

    /**
     * @param december every district_progress row of the year's December
     * @param q4 the fourth quarter's totals of the year
     * @param previousQ4 the year before's (empty when there is none)
     */
    public List<AnnualReviewRow> of(int year, Collection<DistrictProgressRow> december, List<AssessmentTotal> q4,
            List<AssessmentTotal> previousQ4, boolean isFinal) {
        Map<String, Map<String, Map<String, Double>>> figures = new HashMap<>();
        for (DistrictProgressRow r : december) {
            Map<String, Double> f = new LinkedHashMap<>();
            f.put("completion_ratio", r.completionRatio());
            f.put("doubling_progress", r.doublingProgress());
            figures.computeIfAbsent(r.regionCode(), k -> new HashMap<>()).put(r.indicator(), f);
        }
        Map<String, AssessmentTotal> totals = new HashMap<>();
        q4.forEach(t -> totals.put(t.regionCode(), t));
        Map<String, Integer> before = new HashMap<>();
        previousQ4.forEach(t -> before.put(t.regionCode(), t.rank()));
        List<AnnualReviewRow> rows = new ArrayList<>();
        for (Region d : plan.districts()) {
            Map<String, Map<String, Double>> byIndicator = new LinkedHashMap<>();
            for (Indicator i : plan.indicators().keySet()) {
                Map<String, Double> f = figures.getOrDefault(d.code(), Map.of()).get(i.name());
                if (f != null) {
                    byIndicator.put(i.name(), f);
                }
            }
            AssessmentTotal t = totals.get(d.code());
            Integer rank = t == null ? null : t.rank();
            Integer previous = before.get(d.code());
            rows.add(new AnnualReviewRow(plan.planId(), d.code(), year, json(byIndicator),
                    t == null ? null : t.totalScore(), rank, t == null ? null : t.grade(),
                    rank == null || previous == null ? null : previous - rank, isFinal));
        }
        return rows;
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
