package io.beizeng;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.beizeng.config.Indicator;
import io.beizeng.config.Plan;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "review", mixinStandardHelpOptions = true,
        description = "Print a year's review (districts by their fourth quarter's rank, its total and grade, how the "
                + "rank moved, every indicator's completion and doubling progress in December) as Markdown or CSV.")
final class ReviewCommand extends ReportCommand {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Option(names = "--year", required = true, paramLabel = "YYYY")
    int year;

    private static final String QUERY = """
            SELECT region_code, indicators, q4_total_score, q4_rank, q4_grade, rank_change, final FROM annual_review
            WHERE plan_id = ? AND year = ? ORDER BY q4_rank NULLS LAST, region_code""";

    @Override
    String what() {
        return "annual review";
    }

    @Override
    Table read(Plan p, Connection c) throws SQLException {
        List<String[]> rows = new ArrayList<>();
        boolean provisional = false;
        try (PreparedStatement ps = c.prepareStatement(QUERY)) {
            ps.setString(1, p.planId());
            ps.setInt(2, year);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String code = rs.getString("region_code");
                    boolean isFinal = rs.getBoolean("final");
                    provisional |= !isFinal;
                    Object rank = rs.getObject("q4_rank");
                    Object change = rs.getObject("rank_change");
                    String grade = rs.getString("q4_grade");
                    List<String> row = new ArrayList<>(List.of(rank == null ? "" : rank.toString(), code,
                            name(p, code), score((Double) rs.getObject("q4_total_score")), grade == null ? "" : grade,
                            change == null ? "" : String.format("%+d", (Integer) change)));
                    JsonNode indicators = json(rs.getString("indicators"));
                    for (Indicator i : p.indicators().keySet()) {
                        JsonNode f = indicators.path(i.name());
                        row.add(percent(number(f.path("completion_ratio"))));
                        row.add(percent(number(f.path("doubling_progress"))));
                    }
                    row.add(isFinal ? "final" : "provisional");
                    rows.add(row.toArray(String[]::new));
                }
            }
        }
        if (rows.isEmpty()) {
            throw new StartupException("no review of " + year + " in plan " + p.planId());
        }
        List<String> header = new ArrayList<>(List.of("rank", "code", "district", "Q4 total", "grade", "rank change"));
        List<String> align = new ArrayList<>(List.of("---:", "---", "---", "---:", "---", "---:"));
        for (Indicator i : p.indicators().keySet()) {
            header.add(i + " completion (%)");
            header.add(i + " doubling (%)");
            align.addAll(List.of("---:", "---:"));
        }
        header.add("status");
        align.add("---");
        return new Table(p.name() + " — " + year + " annual review" + (provisional ? " (provisional)" : ""),
                header.toArray(String[]::new), align.toArray(String[]::new), rows);
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new StartupException("annual_review.indicators is not JSON: " + e.getMessage());
        }
    }

    private static Double number(JsonNode n) {
        return n.isNumber() ? n.doubleValue() : null;
    }
}
