package io.beizeng;

import io.beizeng.config.Assessment;
import io.beizeng.config.Indicator;
import io.beizeng.config.Plan;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "assessment", mixinStandardHelpOptions = true,
        description = "Print a quarter's assessment (districts ranked; each indicator's value and score, the total and "
                + "the grade; provisional while the quarter is open for corrections) as Markdown or CSV.")
final class AssessmentCommand extends ReportCommand {
    @Option(names = "--quarter", required = true, paramLabel = "YYYYQn", description = "e.g. 2025Q3.")
    String quarter;

    private static final String TOTALS = """
            SELECT region_code, total_score, rank, grade, final FROM assessment_totals
            WHERE plan_id = ? AND year = ? AND quarter = ? ORDER BY rank, region_code""";
    private static final String SCORES = """
            SELECT region_code, indicator, value, score FROM quarterly_assessment
            WHERE plan_id = ? AND year = ? AND quarter = ?""";

    @Override
    String what() {
        return "assessment";
    }

    private record Line(BigDecimal value, Double score) {}

    private record Cell(String region, String indicator) {}

    @Override
    Table read(Plan p, Connection c) throws SQLException {
        Quarter period = quarter(quarter);
        if (p.assessment() == null) {
            throw new StartupException("plan " + p.planId() + " has no assessment");
        }
        int year = period.year();
        int q = period.quarter();
        Map<Cell, Line> lines = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(SCORES)) {
            bind(ps, p, year, q);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    lines.put(new Cell(rs.getString("region_code"), rs.getString("indicator")),
                            new Line(rs.getBigDecimal("value"), (Double) rs.getObject("score")));
                }
            }
        }
        List<String[]> rows = new ArrayList<>();
        boolean provisional = false;
        try (PreparedStatement ps = c.prepareStatement(TOTALS)) {
            bind(ps, p, year, q);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String code = rs.getString("region_code");
                    boolean isFinal = rs.getBoolean("final");
                    provisional |= !isFinal;
                    List<String> row = new ArrayList<>(List.of(rs.getString("rank"), code, name(p, code)));
                    for (Map.Entry<Indicator, Assessment.Weight> e : p.assessment().indicators().entrySet()) {
                        Line line = lines.get(new Cell(code, e.getKey().name()));
                        row.add(line == null ? "" : value(e.getKey(), e.getValue(), line.value()));
                        row.add(line == null ? "" : score(line.score()));
                    }
                    String grade = rs.getString("grade");
                    row.addAll(List.of(score((Double) rs.getObject("total_score")), grade == null ? "" : grade,
                            isFinal ? "final" : "provisional"));
                    rows.add(row.toArray(String[]::new));
                }
            }
        }
        if (rows.isEmpty()) {
            throw new StartupException("no assessment for " + quarter + " in plan " + p.planId());
        }
        List<String> header = new ArrayList<>(List.of("rank", "code", "district"));
        List<String> align = new ArrayList<>(List.of("---:", "---", "---"));
        for (Map.Entry<Indicator, Assessment.Weight> e : p.assessment().indicators().entrySet()) {
            header.add(e.getKey() + " (" + unit(e.getKey(), e.getValue()) + ")");
            header.add(e.getKey() + " score (w " + e.getValue().weight().stripTrailingZeros().toPlainString() + ")");
            align.addAll(List.of("---:", "---:"));
        }
        header.addAll(List.of("total", "grade", "status"));
        align.addAll(List.of("---:", "---", "---"));
        return new Table(p.name() + " — " + quarter + " quarterly assessment" + (provisional ? " (provisional)" : ""),
                header.toArray(String[]::new), align.toArray(String[]::new), rows);
    }

    private static void bind(PreparedStatement ps, Plan p, int year, int quarter) throws SQLException {
        ps.setString(1, p.planId());
        ps.setInt(2, year);
        ps.setInt(3, quarter);
    }

    /** Per-capita values in 元 a person, amounts in 亿元, counts as they are. */
    private static String unit(Indicator indicator, Assessment.Weight w) {
        return w.perCapita() ? "元/人" : indicator.unit() == Indicator.Unit.CNY ? "亿元" : "count";
    }

    private static String value(Indicator indicator, Assessment.Weight w, BigDecimal value) {
        if (value == null) {
            return "";
        }
        return !w.perCapita() && indicator.unit() == Indicator.Unit.CNY ? yiYuan(value)
                : value.stripTrailingZeros().toPlainString();
    }
}
