package io.beizeng.demo;

import io.beizeng.config.Plan;
import io.beizeng.config.Region;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The demo's board: each district's YTD output value in 亿元, YoY growth, completion against "time half, task half",
 * status and rank for the latest complete month in {@code district_progress}, and beside it the month still running
 * (YTD and completion so far), marked open ({@link BoardMonths}); read from the database.
 */
final class ProgressBoard {
    private static final BigDecimal YI = new BigDecimal("100000000");
    private static final String LATEST_MONTH = """
            SELECT max(year * 12 + month - 1) FROM district_progress WHERE plan_id = ? AND indicator = 'OUTPUT_VALUE'""";
    private static final String MONTH = """
            SELECT region_code, ytd_value, yoy_growth, completion_ratio, time_progress, status, rank
            FROM district_progress
            WHERE plan_id = ? AND indicator = 'OUTPUT_VALUE' AND year = ? AND month = ?
            ORDER BY rank NULLS LAST, region_code""";

    private record Row(String code, Object rank, BigDecimal ytd, Double yoy, double completion, double timeProgress,
            String status) {}

    private final Plan plan;
    private long lastReceived = -1;
    private long lastAt;

    ProgressBoard(Plan plan) {
        this.plan = plan;
    }

    /** The board as text, lines ending in a newline; {@code asOf} is the latest event sent. */
    String render(Connection c, Instant asOf, LocalDate today) throws SQLException {
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

        YearMonth latest = null;
        try (PreparedStatement ps = c.prepareStatement(LATEST_MONTH)) {
            ps.setString(1, plan.planId());
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next() && rs.getObject(1) != null) {
                    int m = rs.getInt(1);
                    latest = YearMonth.of(m / 12, m % 12 + 1);
                }
            }
        }
        BoardMonths months = BoardMonths.of(latest, asOf, today, plan.timezone());
        List<Row> headline = rows(c, months.headline());
        Map<String, Row> open = new HashMap<>();
        rows(c, months.open()).forEach(r -> open.put(r.code(), r));

        StringBuilder out = new StringBuilder("\n");
        String title = headline.isEmpty() ? "waiting for the first complete month"
                : String.format("%s  output value  time progress %.1f %%", months.headline(),
                        headline.get(0).timeProgress() * 100);
        if (months.open() != null) {
            title += String.format(" | open: %s, %.1f %% of the year elapsed", months.open(), months.openYearElapsed() * 100);
        }
        out.append(String.format("== %s | events received %d (%d/s) | rejected %d | late %d%n", title, received, rate,
                rejected, late));
        if (!headline.isEmpty()) {
            out.append(String.format("%4s  %-8s %s %12s  %9s  %8s  %-8s%s", "rank", "code", pad("district", 22),
                    "YTD 亿元", "YoY", "done", "status", months.open() == null ? ""
                            : String.format(" | %12s  %8s", months.open() + " 亿元", "done")).stripTrailing())
                    .append('\n');
            for (Row r : headline) {
                Row o = open.get(r.code());
                out.append(String.format("%4s  %-8s %s %12s  %9s  %8s  %-8s%s%n", r.rank() == null ? "" : r.rank(),
                        r.code(), pad(name(r.code()), 22), yi(r.ytd()),
                        r.yoy() == null ? "–" : String.format("%+.1f %%", r.yoy() * 100),
                        String.format("%.1f %%", r.completion() * 100), r.status(),
                        o == null ? "" : String.format(" | %12s  %8s", yi(o.ytd()),
                                String.format("%.1f %%", o.completion() * 100))).stripTrailing()).append('\n');
            }
        }
        return out.toString();
    }

    private List<Row> rows(Connection c, YearMonth month) throws SQLException {
        List<Row> rows = new ArrayList<>();
        if (month == null) {
            return rows;
        }
        try (PreparedStatement ps = c.prepareStatement(MONTH)) {
            ps.setString(1, plan.planId());
            ps.setInt(2, month.getYear());
            ps.setInt(3, month.getMonthValue());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new Row(rs.getString("region_code"), rs.getObject("rank"), rs.getBigDecimal("ytd_value"),
                            (Double) rs.getObject("yoy_growth"), rs.getDouble("completion_ratio"),
                            rs.getDouble("time_progress"), rs.getString("status")));
                }
            }
        }
        return rows;
    }

    private static String yi(BigDecimal amount) {
        return amount.divide(YI, 2, RoundingMode.HALF_UP).toPlainString();
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
