package io.beizeng.model;

/**
 * A district's total in a quarterly assessment: a row of {@code assessment_totals}. {@code isFinal}: the quarter's
 * last month is closed for corrections; a final row never changes.
 */
public record AssessmentTotal(String planId, String regionCode, int year, int quarter, Double totalScore,
        Integer rank, String grade, boolean isFinal) {

    public Key key() {
        return new Key(regionCode, year, quarter);
    }

    public record Key(String regionCode, int year, int quarter) {}
}
