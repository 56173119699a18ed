package io.beizeng.model;

import java.math.BigDecimal;

/**
 * One indicator's line in a district's quarterly assessment: a row of {@code quarterly_assessment}. {@code value} is
 * the YTD value of the quarter's last month, or per person for a per-capita indicator; {@code score} is null where
 * the indicator cannot be scored (no completion ratio, no population, no city figure).
 */
public record AssessmentScore(String planId, String regionCode, int year, int quarter, String indicator,
        BigDecimal weight, boolean perCapita, BigDecimal value, Double completionRatio, double timeProgress,
        Double score) {

    public Key key() {
        return new Key(regionCode, year, quarter, indicator);
    }

    public record Key(String regionCode, int year, int quarter, String indicator) {}
}
