package io.beizeng.model;

/**
 * A district's annual review: a row of {@code annual_review}. {@code indicators} is a JSON object, by indicator, of
 * its completion ratio and doubling progress in December; the fourth quarter's total score, rank and grade; the
 * change of rank against the year before (positive: up; null without a review then).
 */
public record AnnualReviewRow(String planId, String regionCode, int year, String indicators, Double q4TotalScore,
        Integer q4Rank, String q4Grade, Integer rankChange, boolean isFinal) {

    public Key key() {
        return new Key(regionCode, year);
    }

    public record Key(String regionCode, int year) {}
}
