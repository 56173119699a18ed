package io.beizeng.config;

import java.io.Serializable;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * How districts are assessed each quarter ("科学务实的考核指标体系"): the indicators that count, each with its weight
 * and whether it is scored per capita; the cap on a score (as a share of 100); the grades, from the highest.
 *
 * @param indicators in the plan's order
 * @param grades ordered by minimum score descending, the last one's minimum 0
 */
public record Assessment(Map<Indicator, Weight> indicators, BigDecimal cap, List<Grade> grades)
        implements Serializable {

    /** @param perCapita scored on the YTD value per person against the city's, not on completion */
    public record Weight(BigDecimal weight, boolean perCapita) implements Serializable {}

    public record Grade(String grade, BigDecimal minScore) implements Serializable {}

    /** The first grade whose minimum the total reaches. */
    public String gradeOf(BigDecimal total) {
        for (Grade g : grades) {
            if (total.compareTo(g.minScore()) >= 0) {
                return g.grade();
            }
        }
        return grades.get(grades.size() - 1).grade();
    }
}
