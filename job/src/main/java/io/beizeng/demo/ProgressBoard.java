package io.beizeng.demo;

import io.beizeng.config.Plan;
import io.beizeng.config.Region;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The demo's terminal table: each district's YTD output value in 亿元, YoY growth, completion against "time half,
 * task half", status and rank, for the latest month in {@code district_progress}, read from the database.
 */
final class ProgressBoard {
    private static final BigDecimal YI = new BigDecimal("100000000");
    private static final String LATEST = """
            SELECT region_code, region_level, year, month, ytd_value, yoy_growth, completion_ratio, time_progress,
                   status, rank
            FROM district_progress
            WHERE plan_id = ? AND indicator = 'OUTPUT_VALUE'
              AND (year * 12 + month) = (SELECT max(year * 12 + month) FROM district_progress
                                         WHERE plan_id = ? AND indicator = 'OUTPUT_VALUE')
            ORDER BY rank NULLS LAST, region_code""";

    private final Plan plan;
    private long lastReceived = -1;
    private long lastAt;

    ProgressBoard(Plan plan) {
        this.plan = plan;
    }

    void print(Connection c, PrintStream out) throws SQLException {
        long received = 0;
        long rejected = 0;
        try (PreparedStatement ps = c.prepareStatement("SELECT coalesce(sum(received), 0), coalesce(sum(rejected), 0) FROM ingest_audit");
                ResultSet rs = ps.executeQuery()) {
            if (rs.next()) {
                received = rs.getLong(1);
                rejected = rs.getLong(2);
            }
        }
        long late = 0;
        try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM rejected_events WHERE reason = 'LATE'");
                ResultSet rs = ps.executeQuery()) {
            if (rs.next()) {
                late = rs.getLong(1);
            }
        }
        long now = System.nanoTime();
        long rate = lastReceived < 0 ? 0 : Math.round((received - lastReceived) / ((now - lastAt) / 1e9));
        lastReceived = received;
        lastAt = now;

        List<String> lines = new ArrayList<>();
        String header = null;
        try (PreparedStatement ps = c.prepareStatement(LATEST)) {
            ps.setString(1, plan.planId());
            ps.setString(2, plan.planId());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (header == null) {
                        header = String.format("%d-%02d  output value  time progress %.1f %%", rs.getInt("year"),
                                rs.getInt("month"), rs.getDouble("time_progress") * 100);
                    }
                    String code = rs.getString("region_code");
                    Object rank = rs.getObject("rank");
                    Double yoy = (Double) rs.getObject("yoy_growth");
                    lines.add(String.format("%4s  %-8s %s %12s  %9s  %8s  %s",
                            rank == null ? "" : rank, code, pad(name(code), 22),
                            rs.getBigDecimal("ytd_value").divide(YI, 2, RoundingMode.HALF_UP).toPlainString(),
                            yoy == null ? "–" : String.format("%+.1f %%", yoy * 100),
                            String.format("%.1f %%", rs.getDouble("completion_ratio") * 100),
                            rs.getString("status")));
                }
            }
        }
        out.println();
        out.printf("== %s | events received %d (%d/s) | rejected %d | late %d%n",
                header == null ? "waiting for the first results" : header, received, rate, rejected, late);
        if (!lines.isEmpty()) {
            out.printf("%4s  %-8s %s %12s  %9s  %8s  %s%n", "rank", "code", pad("district", 22), "YTD 亿元", "YoY",
                    "done", "status");
            lines.forEach(out::println);
        }
        out.flush();
    }

    private String name(String code) {
        if (plan.city().code().equals(code)) {
            return plan.city().displayName();
        }
        return plan.districts().stream().filter(d -> d.code().equals(code)).map(Region::displayName).findFirst()
                .orElse(code);
    }

    /** Pads to a display width, counting CJK characters as two columns. */
    static String pad(String s, int width) {
        int w = 0;
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            int cw = Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN || cp >= 0x3000 && cp < 0x3040 ? 2 : 1;
            if (w + cw > width) {
                break;
            }
            b.appendCodePoint(cp);
            w += cw;
            i += Character.charCount(cp);
        }
        return b.append(" ".repeat(width - w)).toString();
    }
}
