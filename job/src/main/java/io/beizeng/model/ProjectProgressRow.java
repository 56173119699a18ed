package io.beizeng.model;

import java.math.BigDecimal;

/**
 * One row of {@code project_progress}: a key project as of {@code asOfDay} (epoch day, in the plan's zone), the day of
 * the latest investment event read. Amounts in CNY; {@code signedAmount}, {@code signedAt} and
 * {@code investedShare} are null for a project never signed; milestone times are epoch milliseconds or null.
 */
public record ProjectProgressRow(
        String planId, String projectId, String districtCode, String chain, BigDecimal signedAmount, boolean major,
        Long signedAt, Long startedAt, Long completedAt, BigDecimal invested, Double investedShare, String stage,
        String light, String lightReason, long asOfDay) {

    public Key key() {
        return new Key(projectId);
    }

    public record Key(String projectId) {}
}
