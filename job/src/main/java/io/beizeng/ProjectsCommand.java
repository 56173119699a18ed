package io.beizeng;

import io.beizeng.config.Plan;
import io.beizeng.config.Region;
import io.beizeng.model.ProjectLight;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "projects", mixinStandardHelpOptions = true,
        description = "Print the key projects' bulletin of a month (一月一通报) or a quarter (一季一考核): per district its "
                + "projects by light, signed, started and completed counts and amounts, invested against signed, "
                + "from project_months as of the period's end; a quarter ranks the districts by their share of "
                + "projects GREEN.")
final class ProjectsCommand extends ReportCommand {
    @ArgGroup(multiplicity = "1")
    Period period;

    static final class Period {
        @Option(names = "--month", required = true, paramLabel = "YYYY-MM")
        String month;

        @Option(names = "--quarter", required = true, paramLabel = "YYYYQn", description = "e.g. 2025Q3.")
        String quarter;
    }

    /**
     * The period's last month present: a running quarter is shown as of its latest month, a running month as of the
     * latest investment event's day (project_months.judged_on).
     */
    private static final String LATEST_MONTH = """
            SELECT max(month) FROM project_months WHERE plan_id = ? AND year = ? AND month BETWEEN ? AND ?""";
    private static final String QUERY = """
            SELECT m.district_code, m.stage, m.light, m.light_reason, m.invested_to_date, m.judged_on, p.signed_amount
            FROM project_months m
            JOIN project_progress p ON p.plan_id = m.plan_id AND p.project_id = m.project_id
            WHERE m.plan_id = ? AND m.year = ? AND m.month = ?""";

    @Override
    String what() {
        return "key projects";
    }

    /** One district's projects as of the period's end. */
    static final class Tally {
        int projects;
        final int[] byLight = new int[ProjectLight.values().length]; // by ProjectLight: GREEN, YELLOW, RED
        int signed;
        int started;
        int completed;
        BigDecimal signedAmount = BigDecimal.ZERO;
        BigDecimal startedAmount = BigDecimal.ZERO;
        BigDecimal completedAmount = BigDecimal.ZERO;
        BigDecimal invested = BigDecimal.ZERO;
        BigDecimal investedOfSigned = BigDecimal.ZERO;

        void add(String stage, String light, boolean wasSigned, BigDecimal investedToDate, BigDecimal signedAmount) {
            projects++;
            byLight[ProjectLight.valueOf(light).ordinal()]++;
            invested = invested.add(investedToDate);
            if (!wasSigned) {
                return;
            }
            signed++;
            this.signedAmount = this.signedAmount.add(signedAmount);
            investedOfSigned = investedOfSigned.add(investedToDate);
            if ("STARTED".equals(stage) || "COMPLETED".equals(stage)) {
                started++;
                startedAmount = startedAmount.add(signedAmount);
            }
            if ("COMPLETED".equals(stage)) {
                completed++;
                completedAmount = completedAmount.add(signedAmount);
            }
        }

        /** The share of its projects GREEN, or null without projects. */
        Double greenShare() {
            return projects == 0 ? null : (double) byLight[0] / projects;
        }

        /** Invested by its signed projects against their signed amounts, or null. */
        Double investedShare() {
            return signedAmount.signum() == 0 ? null
                    : investedOfSigned.divide(signedAmount, java.math.MathContext.DECIMAL64).doubleValue();
        }
    }

    @Override
    Table read(Plan p, Connection c) throws SQLException {
        boolean byQuarter = period.quarter != null;
        int year;
        int first;
        int last;
        if (byQuarter) {
            Quarter q = quarter(period.quarter);
            year = q.year();
            last = q.lastMonth();
            first = last - 2;
        } else {
            YearMonth ym = month(period.month);
            year = ym.getYear();
            first = ym.getMonthValue();
            last = first;
        }
        String label = byQuarter ? period.quarter : period.month;
        Integer month;
        try (PreparedStatement ps = c.prepareStatement(LATEST_MONTH)) {
            ps.setString(1, p.planId());
            ps.setInt(2, year);
            ps.setInt(3, first);
            ps.setInt(4, last);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                month = (Integer) rs.getObject(1);
            }
        }
        if (month == null) {
            throw new StartupException("no key projects for " + label + " in plan " + p.planId());
        }
        Map<String, Tally> tallies = new LinkedHashMap<>();
        for (Region d : p.districts()) {
            tallies.put(d.code(), new Tally());
        }
        java.time.LocalDate judgedOn = null;
        try (PreparedStatement ps = c.prepareStatement(QUERY)) {
            ps.setString(1, p.planId());
            ps.setInt(2, year);
            ps.setInt(3, month);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    java.time.LocalDate on = rs.getObject("judged_on", java.time.LocalDate.class);
                    judgedOn = judgedOn == null || on.isAfter(judgedOn) ? on : judgedOn;
                    tallies.computeIfAbsent(rs.getString("district_code"), k -> new Tally()).add(rs.getString("stage"),
                            rs.getString("light"), !"NOT_SIGNED".equals(rs.getString("light_reason")),
                            rs.getBigDecimal("invested_to_date"), rs.getBigDecimal("signed_amount"));
                }
            }
        }
        List<String> order = new ArrayList<>(tallies.keySet());
        if (byQuarter) {
            // by share GREEN, highest first; districts without projects last; ties by code
            order.sort(Comparator.comparing((String k) -> tallies.get(k).greenShare() == null ? 1 : 0)
                    .thenComparing((String k) -> tallies.get(k).greenShare() == null ? 0.0 : -tallies.get(k).greenShare())
                    .thenComparing(k -> k));
        }
        List<String[]> rows = new ArrayList<>();
        for (int i = 0; i < order.size(); i++) {
            String code = order.get(i);
            Tally t = tallies.get(code);
            List<String> row = new ArrayList<>();
            if (byQuarter) {
                row.add(t.projects == 0 ? "" : Integer.toString(i + 1));
            }
            row.addAll(List.of(code, name(p, code), Integer.toString(t.projects), Integer.toString(t.byLight[0]),
                    Integer.toString(t.byLight[1]), Integer.toString(t.byLight[2]), Integer.toString(t.signed),
                    yiYuan(t.signedAmount), Integer.toString(t.started), yiYuan(t.startedAmount),
                    Integer.toString(t.completed), yiYuan(t.completedAmount), yiYuan(t.invested),
                    percent(t.investedShare()), percent(t.greenShare())));
            rows.add(row.toArray(String[]::new));
        }
        List<String> header = new ArrayList<>();
        List<String> align = new ArrayList<>();
        if (byQuarter) {
            header.add("rank");
            align.add("---:");
        }
        header.addAll(List.of("code", "district", "projects", "GREEN", "YELLOW", "RED", "signed", "signed (亿元)",
                "started", "started (亿元)", "completed", "completed (亿元)", "invested (亿元)",
                "invested / signed (%)", "GREEN (%)"));
        align.addAll(List.of("---", "---"));
        for (int i = 0; i < 13; i++) {
            align.add("---:");
        }
        return new Table(p.name() + " — " + label + " key projects (as of " + judgedOn + ")",
                header.toArray(String[]::new), align.toArray(String[]::new), rows);
    }
}
