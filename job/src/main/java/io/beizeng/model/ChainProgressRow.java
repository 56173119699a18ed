package io.beizeng.model;

import java.math.BigDecimal;

/**
 * One row of {@code chain_progress}: an industry chain's value of one indicator city-wide for a month, and for the
 * plan's cluster indicator against its cluster target ("2121"). {@code clusterTarget} and {@code progress} are null
 * for a chain without a target, and on rows of other indicators.
 */
public record ChainProgressRow(
        String planId, String chain, String indicator, int year, int month, BigDecimal monthValue,
        BigDecimal ytdValue, BigDecimal priorYtdValue, Double yoyGrowth, BigDecimal rolling12Value,
        BigDecimal clusterTarget, Double progress) {

    public Key key() {
        return new Key(chain, indicator, year, month);
    }

    public record Key(String chain, String indicator, int year, int month) {}
}
