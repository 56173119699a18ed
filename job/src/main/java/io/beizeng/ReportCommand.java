package io.beizeng;

import io.beizeng.config.JdbcOptions;
import io.beizeng.config.Plan;
import io.beizeng.config.PlanLoader;
import io.beizeng.config.Region;
import io.beizeng.sink.JdbcTarget;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * What the report commands share ({@code bulletin}, {@code assessment}, {@code review}): the plan for names, the
 * database to read the result tables from, and a table printed as Markdown or CSV.
 */
abstract class ReportCommand implements Callable<Integer> {
    private static final BigDecimal YI = new BigDecimal("100000000");

    @Option(names = "--plan", required = true, paramLabel = "FILE")
    Path plan;

    @Option(names = "--format", defaultValue = "markdown", description = "markdown or csv (default: ${DEFAULT-VALUE}).")
    String format;

    @Mixin
    JdbcOptions jdbc;

    /** The report: its title and rows, read with this connection; throws StartupException when there is none. */
    abstract Table read(Plan plan, Connection c) throws SQLException;

    /** What is read, for the message when the database cannot be read. */
    abstract String what();

    /** @param align per column, "---:" (numbers) or "---" */
    record Table(String title, String[] header, String[] align, List<String[]> rows) {}

    @Override
    public Integer call() throws Exception {
        if (!format.equals("markdown") && !format.equals("csv")) {
            throw new StartupException("--format must be markdown or csv");
        }
        Plan p = PlanLoader.load(plan);
        JdbcTarget target = jdbc.target();
        Table table;
        try (Connection c = target.connect()) {
            table = read(p, c);
        } catch (SQLException e) {
            throw new StartupException("cannot read the " + what() + " from " + target.url() + ": "
                    + JobCommand.rootMessage(e));
        }
        print(System.out, table);
        return 0;
    }

    private void print(PrintStream out, Table t) {
        if (format.equals("csv")) {
            out.println(String.join(",", t.header()));
            for (String[] r : t.rows()) {
                List<String> cells = new ArrayList<>();
                for (String cell : r) {
                    cells.add(cell.contains(",") || cell.contains("\"") ? "\"" + cell.replace("\"", "\"\"") + "\"" : cell);
                }
                out.println(String.join(",", cells));
            }
            return;
        }
        out.printf("## %s%n%n", t.title());
        out.println("| " + String.join(" | ", t.header()) + " |");
        out.println("|" + String.join("|", t.align()) + "|");
        for (String[] r : t.rows()) {
            out.println("| " + String.join(" | ", r) + " |");
        }
    }

    /** A quarter of a year, as {@code --quarter YYYYQn} names it. */
    record Quarter(int year, int quarter) {
        int lastMonth() {
            return quarter * 3;
        }
    }

    private static final java.util.regex.Pattern QUARTER = java.util.regex.Pattern.compile("(\\d{4})Q([1-4])");

    /** {@code --quarter}'s value, or a one-line error. */
    static Quarter quarter(String text) {
        java.util.regex.Matcher m = QUARTER.matcher(text);
        if (!m.matches()) {
            throw new StartupException("--quarter '" + text + "' is not YYYYQn (e.g. 2025Q3)");
        }
        return new Quarter(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
    }

    /** {@code --month}'s value, or a one-line error. */
    static java.time.YearMonth month(String text) {
        try {
            return java.time.YearMonth.parse(text);
        } catch (java.time.format.DateTimeParseException e) {
            throw new StartupException("--month '" + text + "' is not YYYY-MM");
        }
    }

    /** A region's names from the plan: "滕州市 Tengzhou", or the code when the plan has no such region. */
    static String name(Plan plan, String code) {
        if (plan.city().code().equals(code)) {
            return plan.city().displayName();
        }
        return plan.districts().stream().filter(d -> d.code().equals(code)).findFirst().map(Region::displayName)
                .orElse(code);
    }

    /** An amount in 亿元 (100 million CNY) to 0.01. */
    static String yiYuan(BigDecimal amount) {
        return amount == null ? "" : amount.divide(YI, 2, RoundingMode.HALF_UP).toPlainString();
    }

    /** A ratio as a percentage to 0.1, or empty. */
    static String percent(Double ratio) {
        return ratio == null ? "" : String.format("%.1f", ratio * 100);
    }

    /** A score or total to 0.1, or empty. */
    static String score(Double score) {
        return score == null ? "" : String.format("%.1f", score);
    }
}
