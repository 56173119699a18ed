package io.beizeng.model;

import java.math.BigDecimal;

/**
 * One row of {@code chain_progress}: an industry chain's output value city-wide for a month, against its cluster
 * target ("2121"). {@code clusterTarget} and {@code progress} are null for a chain without a target.
 */
public record ChainProgressRow(
        String planId, String chain, int year, int month, BigDecimal monthValue, BigDecimal ytdValue,
        BigDecimal priorYtdValue, Double yoyGrowth, BigDecimal rolling12Value, BigDecimal clusterTarget,
        Double progress) {

    public String key() {
        return "chain|" + planId + '|' + chain + '|' + year + '|' + month;
    }
}
