package io.beizeng;

import io.beizeng.config.Indicator;
import io.beizeng.config.JdbcOptions;
import io.beizeng.config.Plan;
import io.beizeng.config.PlanLoader;
import io.beizeng.sink.JdbcTarget;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "bulletin", mixinStandardHelpOptions = true,
        description = "Print a month's bulletin (districts ranked, YTD in 亿元, YoY, completion against time "
                + "progress, status) as Markdown or CSV, from the result tables.")
final class BulletinCommand implements Callable<Integer> {
    @Option(names = "--plan", required = true, paramLabel = "FILE")
    Path plan;

    @Option(names = "--month", required = true, paramLabel = "YYYY-MM")
    String month;

    @Option(names = "--indicator", defaultValue = "OUTPUT_VALUE", description = "Default: ${DEFAULT-VALUE}.")
    Indicator indicator;

    @Option(names = "--format", defaultValue = "markdown", description = "markdown or csv (default: ${DEFAULT-VALUE}).")
    String format;

    @Mixin
    JdbcOptions jdbc;

    private static final String QUERY = """
            SELECT rank, region_code, region_level, ytd_value, yoy_growth, completion_ratio, time_progress, status
            FROM district_progress
            WHERE plan_id = ? AND indicator = ? AND year = ? AND month = ?
            ORDER BY rank NULLS LAST, region_code""";

    @Override
    public Integer call() throws Exception {
        YearMonth ym;
        try {
            ym = YearMonth.parse(month);
        } catch (DateTimeParseException e) {
            throw new StartupException("--month '" + month + "' is not YYYY-MM");
        }
        if (!format.equals("markdown") && !format.equals("csv")) {
            throw new StartupException("--format must be markdown or csv");
        }
        Plan p = PlanLoader.load(plan);
        JdbcTarget target = jdbc.target();
        List<String[]> rows = new ArrayList<>();
        try (Connection c = target.connect(); PreparedStatement ps = c.prepareStatement(QUERY)) {
            ps.setString(1, p.planId());
            ps.setString(2, indicator.name());
            ps.setInt(3, ym.getYear());
            ps.setInt(4, ym.getMonthValue());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String code = rs.getString("region_code");
                    Object rank = rs.getObject("rank");
                    Double yoy = (Double) rs.getObject("yoy_growth");
                    Double done = (Double) rs.getObject("completion_ratio");
                    rows.add(new String[] {rank == null ? "" : rank.toString(), code, name(p, code),
                        rs.getBigDecimal("ytd_value").divide(new BigDecimal("100000000"), 2, RoundingMode.HALF_UP)
                                .toPlainString(),
                        yoy == null ? "" : String.format("%.1f", yoy * 100),
                        done == null ? "" : String.format("%.1f", done * 100),
                        String.format("%.1f", rs.getDouble("time_progress") * 100), rs.getString("status")});
                }
            }
        } catch (SQLException e) {
            throw new StartupException("cannot read the bulletin from " + target.url() + ": " + JobCommand.rootMessage(e));
        }
        if (rows.isEmpty()) {
            throw new StartupException("no " + indicator + " figures for " + ym + " in plan " + p.planId());
        }
        print(System.out, p, ym, rows);
        return 0;
    }

    private static String name(Plan plan, String code) {
        if (plan.city().code().equals(code)) {
            return plan.city().displayName();
        }
        return plan.districts().stream().filter(d -> d.code().equals(code)).findFirst()
                .map(io.beizeng.config.Region::displayName).orElse(code);
    }

    private void print(PrintStream out, Plan plan, YearMonth ym, List<String[]> rows) {
        String[] header = {"rank", "code", "region", "YTD (亿元)", "YoY (%)", "completion (%)", "time progress (%)",
            "status"};
        if (format.equals("csv")) {
            out.println(String.join(",", header));
            for (String[] r : rows) {
                List<String> cells = new ArrayList<>();
                for (String cell : r) {
                    cells.add(cell.contains(",") || cell.contains("\"") ? "\"" + cell.replace("\"", "\"\"") + "\"" : cell);
                }
                out.println(String.join(",", cells));
            }
            return;
        }
        out.printf("## %s — %s %s%n%n", plan.name(), ym, indicator);
        out.println("| " + String.join(" | ", header) + " |");
        out.println("|---:|---|---|---:|---:|---:|---:|---|");
        for (String[] r : rows) {
            out.println("| " + String.join(" | ", r) + " |");
        }
    }
}
