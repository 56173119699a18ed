package io.beizeng;

import io.beizeng.config.Indicator;
import io.beizeng.config.Plan;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "bulletin", mixinStandardHelpOptions = true,
        description = "Print a month's bulletin (districts ranked, YTD in 亿元, YoY, completion against time "
                + "progress, status) as Markdown or CSV, from the result tables.")
final class BulletinCommand extends ReportCommand {
    @Option(names = "--month", required = true, paramLabel = "YYYY-MM")
    String month;

    @Option(names = "--indicator", defaultValue = "OUTPUT_VALUE", description = "Default: ${DEFAULT-VALUE}.")
    Indicator indicator;

    private static final String QUERY = """
            SELECT rank, region_code, region_level, ytd_value, yoy_growth, completion_ratio, time_progress, status
            FROM district_progress
            WHERE plan_id = ? AND indicator = ? AND year = ? AND month = ?
            ORDER BY rank NULLS LAST, region_code""";

    @Override
    String what() {
        return "bulletin";
    }

    @Override
    Table read(Plan p, Connection c) throws SQLException {
        YearMonth ym = month(month);
        List<String[]> rows = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(QUERY)) {
            ps.setString(1, p.planId());
            ps.setString(2, indicator.name());
            ps.setInt(3, ym.getYear());
            ps.setInt(4, ym.getMonthValue());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String code = rs.getString("region_code");
                    Object rank = rs.getObject("rank");
                    rows.add(new String[] {rank == null ? "" : rank.toString(), code, name(p, code),
                        yiYuan(rs.getBigDecimal("ytd_value")), percent((Double) rs.getObject("yoy_growth")),
                        percent((Double) rs.getObject("completion_ratio")), percent(rs.getDouble("time_progress")),
                        rs.getString("status")});
                }
            }
        }
        if (rows.isEmpty()) {
            throw new StartupException("no " + indicator + " figures for " + ym + " in plan " + p.planId());
        }
        return new Table(p.name() + " — " + ym + " " + indicator,
                new String[] {"rank", "code", "region", "YTD (亿元)", "YoY (%)", "completion (%)", "time progress (%)",
                    "status"},
                new String[] {"---:", "---", "---", "---:", "---:", "---:", "---:", "---"}, rows);
    }
}
