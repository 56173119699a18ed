package io.beizeng.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.beizeng.testing.Reference.Audit;
import io.beizeng.testing.Reference.ProgressRow;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.assertj.core.api.SoftAssertions;

/** The result tables of one database, read back, and compared with a {@link Reference}. */
public final class ResultTables {
    public final Map<String, ProgressRow> progress = new TreeMap<>();
    public final Map<String, Audit> audit = new TreeMap<>();
    public final Map<String, String> rejected = new TreeMap<>();
    public final Map<String, String> rejectedDetails = new TreeMap<>();
    public final Map<String, List<Object>> chains = new TreeMap<>();
    public final Map<String, List<Object>> parks = new TreeMap<>();
    public final Map<String, List<Object>> towns = new TreeMap<>();
    public final Map<String, List<Object>> leading = new TreeMap<>();
    public final Map<String, List<Object>> alerts = new TreeMap<>();
    public final Map<String, List<Object>> assessment = new TreeMap<>();
    public final Map<String, List<Object>> assessmentTotals = new TreeMap<>();
    public final Map<String, List<Object>> reviews = new TreeMap<>();
    public final Map<String, List<Object>> projects = new TreeMap<>();
    public final Map<String, List<Object>> projectMonths = new TreeMap<>();

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    /** A review row as the reference keeps it: per indicator by name its name, completion, doubling; the rest. */
    private static List<Object> review(String indicators, Object total, Object rank, Object grade, Object change,
            Object isFinal) {
        List<Object> row = new java.util.ArrayList<>();
        try {
            com.fasterxml.jackson.databind.JsonNode node = JSON.readTree(indicators);
            List<String> names = new java.util.ArrayList<>();
            node.fieldNames().forEachRemaining(names::add);
            java.util.Collections.sort(names);
            for (String name : names) {
                row.add(name);
                for (String f : List.of("completion_ratio", "doubling_progress")) {
                    com.fasterxml.jackson.databind.JsonNode v = node.path(name).path(f);
                    row.add(v.isNumber() ? v.doubleValue() : null);
                }
            }
        } catch (java.io.IOException e) {
            throw new IllegalStateException("annual_review.indicators is not JSON: " + indicators, e);
        }
        row.addAll(Arrays.asList(total, rank, grade, change, isFinal));
        return row;
    }

    /** Records whose outcome is decided so far: the sum of {@code ingest_audit.received}, while a job runs. */
    public static long received(String jdbcUrl, String user, String password) throws SQLException {
        try (Connection c = DriverManager.getConnection(jdbcUrl, user, password); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT coalesce(sum(received), 0) FROM ingest_audit")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** ingest_audit's received count of one source ({@link io.beizeng.model.SourceTopic#id()}). */
    public static long received(String jdbcUrl, String user, String password, String source) throws SQLException {
        try (Connection c = DriverManager.getConnection(jdbcUrl, user, password);
                java.sql.PreparedStatement s = c.prepareStatement(
                        "SELECT coalesce(sum(received), 0) FROM ingest_audit WHERE source = ?")) {
            s.setString(1, source);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /**
     * The tables that the rows written to collecting sinks would make: for each key the last row written (the
     * upserts), for alerts the first (they are inserted once).
     */
    public static ResultTables of(CollectedOutputs out) {
        ResultTables t = new ResultTables();
        for (var r : out.districtProgress().received()) {
            ProgressRow row = new ProgressRow(r.regionCode(), r.regionLevel(), r.indicator(), r.year(), r.month(),
                    r.monthValue(), r.ytdValue(), r.priorYtdValue(), r.yoyGrowth(), r.rolling12Value(),
                    r.baselineValue(), r.targetValue(), r.annualTarget(), r.timeProgress(), r.completionRatio(),
                    r.doublingProgress(), r.status(), r.rank(), r.ytdPerCapita());
            t.progress.put(row.key(), row);
        }
        for (var r : out.chainProgress().received()) {
            t.chains.put(r.chain() + "|" + r.indicator() + "|" + r.year() + "|" + r.month(), Arrays.asList(
                    r.monthValue(), r.ytdValue(), r.priorYtdValue(), r.yoyGrowth(), r.rolling12Value(),
                    r.clusterTarget(), r.progress()));
        }
        for (var r : out.parkProgress().received()) {
            t.parks.put(r.parkId() + "|" + r.indicator() + "|" + r.year() + "|" + r.month(), Arrays.asList(
                    r.monthValue(), r.ytdValue(), r.priorYtdValue(), r.yoyGrowth(), r.rolling12Value(),
                    r.baselineValue(), r.targetValue(), r.annualTarget(), r.timeProgress(), r.completionRatio(),
                    r.doublingProgress(), r.status(), r.rank()));
        }
        for (var r : out.townActivity().received()) {
            t.towns.put(r.townCode() + "|" + r.epochDay(), Arrays.asList(r.outputValue(), r.electricityKwh(),
                    r.reportingEnterprises(), r.rank(), r.weekAgoOutputValue(), r.changeVsWeekAgo()));
        }
        for (var r : out.leadingEnterprises().received()) {
            t.leading.put(r.enterpriseId() + "|" + r.year() + "|" + r.month(),
                    Arrays.asList(r.districtCode(), r.trailing12Revenue(), r.tier().name()));
        }
        for (var a : out.alerts().received()) {
            t.alerts.putIfAbsent(a.alertId(), Arrays.asList(a.kind(), a.previousStatus(), a.status()));
        }
        for (var r : out.quarterlyAssessment().received()) {
            t.assessment.put(r.regionCode() + "|" + r.year() + "|" + r.quarter() + "|" + r.indicator(),
                    Arrays.asList(r.weight(), r.perCapita(), r.value(), r.completionRatio(), r.timeProgress(),
                            r.score()));
        }
        for (var r : out.assessmentTotals().received()) {
            t.assessmentTotals.put(r.regionCode() + "|" + r.year() + "|" + r.quarter(),
                    Arrays.asList(r.totalScore(), r.rank(), r.grade(), r.isFinal()));
        }
        for (var r : out.annualReview().received()) {
            t.reviews.put(r.regionCode() + "|" + r.year(), review(r.indicators(), r.q4TotalScore(), r.q4Rank(),
                    r.q4Grade(), r.rankChange(), r.isFinal()));
        }
        for (var r : out.projectProgress().received()) {
            t.projects.put(r.projectId(), Arrays.asList(r.districtCode(), r.chain(), r.signedAmount(), r.major(),
                    r.signedAt(), r.startedAt(), r.completedAt(), r.invested(), r.investedShare(), r.stage(),
                    r.light(), r.lightReason(), r.asOfDay()));
        }
        for (var r : out.projectMonths().received()) {
            t.projectMonths.put(r.projectId() + "|" + r.year() + "|" + r.month(), Arrays.asList(r.districtCode(),
                    r.stage(), r.investedToDate(), r.investedShare(), r.light(), r.lightReason(), r.judgedOnDay()));
        }
        for (var r : out.audit().received()) {
            t.audit.put(r.source(), new Audit(r.received(), r.accepted(), r.duplicates(), r.rejected()));
        }
        for (var r : out.rejected().received()) {
            t.rejected.put(r.source() + "|" + r.position(), r.reason().name());
            t.rejectedDetails.put(r.source() + "|" + r.position(), r.detail());
        }
        return t;
    }

    public static ResultTables read(String jdbcUrl, String user, String password, String planId) throws SQLException {
        ResultTables t = new ResultTables();
        try (Connection c = DriverManager.getConnection(jdbcUrl, user, password); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT * FROM district_progress WHERE plan_id = '" + planId + "'")) {
                while (rs.next()) {
                    ProgressRow r = new ProgressRow(rs.getString("region_code"), rs.getString("region_level"),
                            rs.getString("indicator"), rs.getInt("year"), rs.getInt("month"),
                            rs.getBigDecimal("month_value"), rs.getBigDecimal("ytd_value"),
                            rs.getBigDecimal("prior_ytd_value"), (Double) rs.getObject("yoy_growth"),
                            rs.getBigDecimal("rolling12_value"), rs.getBigDecimal("baseline_value"),
                            rs.getBigDecimal("target_value"), rs.getBigDecimal("annual_target"),
                            rs.getDouble("time_progress"), (Double) rs.getObject("completion_ratio"),
                            (Double) rs.getObject("doubling_progress"), rs.getString("status"),
                            (Integer) rs.getObject("rank"), rs.getBigDecimal("ytd_per_capita"));
                    t.progress.put(r.key(), r);
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT * FROM chain_progress WHERE plan_id = '" + planId + "'")) {
                while (rs.next()) {
                    t.chains.put(rs.getString("chain") + "|" + rs.getString("indicator") + "|" + rs.getInt("year") + "|" + rs.getInt("month"),
                            Arrays.asList(rs.getBigDecimal("month_value"), rs.getBigDecimal("ytd_value"),
                                    rs.getBigDecimal("prior_ytd_value"), rs.getObject("yoy_growth"),
                                    rs.getBigDecimal("rolling12_value"), rs.getBigDecimal("cluster_target"),
                                    rs.getObject("progress")));
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT * FROM park_progress WHERE plan_id = '" + planId + "'")) {
                while (rs.next()) {
                    t.parks.put(rs.getString("park_id") + "|" + rs.getString("indicator") + "|" + rs.getInt("year") + "|" + rs.getInt("month"),
                            Arrays.asList(rs.getBigDecimal("month_value"), rs.getBigDecimal("ytd_value"),
                                    rs.getBigDecimal("prior_ytd_value"), rs.getObject("yoy_growth"),
                                    rs.getBigDecimal("rolling12_value"), rs.getBigDecimal("baseline_value"),
                                    rs.getBigDecimal("target_value"), rs.getBigDecimal("annual_target"),
                                    rs.getDouble("time_progress"), rs.getDouble("completion_ratio"),
                                    rs.getObject("doubling_progress"), rs.getString("status"), rs.getInt("rank")));
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT * FROM town_activity WHERE plan_id = '" + planId + "'")) {
                while (rs.next()) {
                    t.towns.put(rs.getString("town_code") + "|" + rs.getObject("day", java.time.LocalDate.class).toEpochDay(),
                            Arrays.asList(rs.getBigDecimal("output_value"), rs.getBigDecimal("electricity_kwh"),
                                    rs.getLong("reporting_enterprises"), rs.getInt("rank"),
                                    rs.getBigDecimal("week_ago_output_value"), rs.getObject("change_vs_week_ago")));
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT * FROM leading_enterprises WHERE plan_id = '" + planId + "'")) {
                while (rs.next()) {
                    t.leading.put(rs.getString("enterprise_id") + "|" + rs.getInt("year") + "|" + rs.getInt("month"),
                            Arrays.asList(rs.getString("district_code"), rs.getBigDecimal("trailing12_revenue"),
                                    rs.getString("tier")));
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT * FROM progress_alerts WHERE plan_id = '" + planId + "'")) {
                while (rs.next()) {
                    t.alerts.put(rs.getString("alert_id"), Arrays.asList(rs.getString("kind"),
                            rs.getString("previous_status"), rs.getString("status")));
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT * FROM quarterly_assessment WHERE plan_id = '" + planId + "'")) {
                while (rs.next()) {
                    t.assessment.put(rs.getString("region_code") + "|" + rs.getInt("year") + "|" + rs.getInt("quarter")
                            + "|" + rs.getString("indicator"), Arrays.asList(rs.getBigDecimal("weight"),
                            rs.getBoolean("per_capita"), rs.getBigDecimal("value"), rs.getObject("completion_ratio"),
                            rs.getDouble("time_progress"), rs.getObject("score")));
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT * FROM assessment_totals WHERE plan_id = '" + planId + "'")) {
                while (rs.next()) {
                    t.assessmentTotals.put(rs.getString("region_code") + "|" + rs.getInt("year") + "|"
                            + rs.getInt("quarter"), Arrays.asList(rs.getObject("total_score"), rs.getInt("rank"),
                            rs.getString("grade"), rs.getBoolean("final")));
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT * FROM annual_review WHERE plan_id = '" + planId + "'")) {
                while (rs.next()) {
                    t.reviews.put(rs.getString("region_code") + "|" + rs.getInt("year"), review(
                            rs.getString("indicators"), rs.getObject("q4_total_score"), rs.getObject("q4_rank"),
                            rs.getString("q4_grade"), rs.getObject("rank_change"), rs.getBoolean("final")));
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT * FROM project_progress WHERE plan_id = '" + planId + "'")) {
                while (rs.next()) {
                    t.projects.put(rs.getString("project_id"), Arrays.asList(rs.getString("district_code"),
                            rs.getString("chain"), rs.getBigDecimal("signed_amount"), rs.getBoolean("major"),
                            epochMs(rs, "signed_at"), epochMs(rs, "started_at"), epochMs(rs, "completed_at"),
                            rs.getBigDecimal("invested"), rs.getObject("invested_share"), rs.getString("stage"),
                            rs.getString("light"), rs.getString("light_reason"),
                            rs.getObject("as_of", java.time.LocalDate.class).toEpochDay()));
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT * FROM project_months WHERE plan_id = '" + planId + "'")) {
                while (rs.next()) {
                    t.projectMonths.put(rs.getString("project_id") + "|" + rs.getInt("year") + "|" + rs.getInt("month"),
                            Arrays.asList(rs.getString("district_code"), rs.getString("stage"),
                                    rs.getBigDecimal("invested_to_date"), rs.getObject("invested_share"),
                                    rs.getString("light"), rs.getString("light_reason"),
                                    rs.getObject("judged_on", java.time.LocalDate.class).toEpochDay()));
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT * FROM ingest_audit")) {
                while (rs.next()) {
                    t.audit.put(rs.getString("source"), new Audit(rs.getLong("received"), rs.getLong("accepted"),
                            rs.getLong("duplicates"), rs.getLong("rejected")));
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT source, position, reason, detail FROM rejected_events")) {
                while (rs.next()) {
                    String key = rs.getString("source") + "|" + rs.getString("position");
                    t.rejected.put(key, rs.getString("reason"));
                    t.rejectedDetails.put(key, rs.getString("detail"));
                }
            }
        }
        return t;
    }

    private static Long epochMs(ResultSet rs, String column) throws SQLException {
        java.time.OffsetDateTime t = rs.getObject(column, java.time.OffsetDateTime.class);
        return t == null ? null : t.toInstant().toEpochMilli();
    }

    /**
     * Every table equal, value for value (updated_at aside), to those of another run of the same input (an
     * undisturbed one), and the audit
     * reconciled: received = accepted + duplicates + rejected, and rejected = the rows of rejected_events.
     */
    public void assertSameAs(ResultTables undisturbed) {
        assertThat(undisturbed.progress).as("the undisturbed run has rows").isNotEmpty();
        java.util.Set<String> differing = new java.util.TreeSet<>();
        for (String k : union(progress.keySet(), undisturbed.progress.keySet())) {
            if (!java.util.Objects.equals(progress.get(k), undisturbed.progress.get(k))) {
                differing.add(k + ": " + progress.get(k) + " vs " + undisturbed.progress.get(k));
            }
        }
        SoftAssertions soft = new SoftAssertions();
        soft.assertThat(audit).as("ingest_audit").isEqualTo(undisturbed.audit);
        int count = differing.size();
        differing.stream().skip(5).toList().forEach(differing::remove);
        soft.assertThat(differing).as("district_progress rows that differ (%d, the first 5 shown)", count).isEmpty();
        soft.assertThat(chains).as("chain_progress").isEqualTo(undisturbed.chains);
        soft.assertThat(parks).as("park_progress").isEqualTo(undisturbed.parks);
        soft.assertThat(towns).as("town_activity").isEqualTo(undisturbed.towns);
        soft.assertThat(leading).as("leading_enterprises").isEqualTo(undisturbed.leading);
        soft.assertThat(alerts).as("progress_alerts").isEqualTo(undisturbed.alerts);
        soft.assertThat(assessment).as("quarterly_assessment").isEqualTo(undisturbed.assessment);
        soft.assertThat(assessmentTotals).as("assessment_totals").isEqualTo(undisturbed.assessmentTotals);
        soft.assertThat(reviews).as("annual_review").isEqualTo(undisturbed.reviews);
        soft.assertThat(projects).as("project_progress").isEqualTo(undisturbed.projects);
        soft.assertThat(projectMonths).as("project_months").isEqualTo(undisturbed.projectMonths);
        soft.assertThat(rejected).as("rejected_events").isEqualTo(undisturbed.rejected);
        soft.assertAll();
        long rejectedCount = 0;
        for (Audit a : audit.values()) {
            assertThat(a.received()).isEqualTo(a.accepted() + a.duplicates() + a.rejected());
            rejectedCount += a.rejected();
        }
        assertThat(rejected).as("rejected_events rows reconcile with ingest_audit").hasSize((int) rejectedCount);
    }

    /** Whether every table equals another's (for waiting until a running job's results hold still). */
    public boolean sameAs(ResultTables other) {
        return progress.equals(other.progress) && audit.equals(other.audit) && chains.equals(other.chains)
                && parks.equals(other.parks) && towns.equals(other.towns) && leading.equals(other.leading)
                && alerts.equals(other.alerts) && rejected.equals(other.rejected) && assessment.equals(other.assessment)
                && assessmentTotals.equals(other.assessmentTotals) && reviews.equals(other.reviews)
                && projects.equals(other.projects) && projectMonths.equals(other.projectMonths);
    }

    private static java.util.Set<String> union(java.util.Set<String> a, java.util.Set<String> b) {
        java.util.Set<String> u = new java.util.TreeSet<>(a);
        u.addAll(b);
        return u;
    }

    /** Every row, column by column: amounts exactly, ratios to 1e-12 relative; the reference has rows in every table. */
    public void assertMatches(Reference expected) {
        assertMatches(expected, true);
    }

    /**
     * The same; with {@code everyTableHasRows} false, a table may be empty where the reference's is (a world without
     * one of its streams).
     */
    public void assertMatches(Reference expected, boolean everyTableHasRows) {
        if (everyTableHasRows) {
            assertThat(expected.progress).as("the reference has rows").isNotEmpty();
        }
        java.util.Set<String> missing = new java.util.TreeSet<>(expected.progress.keySet());
        missing.removeAll(progress.keySet());
        java.util.Set<String> extra = new java.util.TreeSet<>(progress.keySet());
        extra.removeAll(expected.progress.keySet());
        assertThat(missing).as("district_progress rows missing (of %d expected)", expected.progress.size()).isEmpty();
        assertThat(extra).as("district_progress rows not expected").isEmpty();
        SoftAssertions soft = new SoftAssertions();
        for (ProgressRow e : expected.progress.values()) {
            ProgressRow a = progress.get(e.key());
            String k = e.key();
            soft.assertThat(a.regionLevel()).as(k + " level").isEqualTo(e.regionLevel());
            decimal(soft, k + " month_value", a.monthValue(), e.monthValue());
            decimal(soft, k + " ytd_value", a.ytdValue(), e.ytdValue());
            decimal(soft, k + " prior_ytd_value", a.priorYtdValue(), e.priorYtdValue());
            decimal(soft, k + " rolling12_value", a.rolling12Value(), e.rolling12Value());
            decimal(soft, k + " baseline_value", a.baselineValue(), e.baselineValue());
            decimal(soft, k + " target_value", a.targetValue(), e.targetValue());
            decimal(soft, k + " annual_target", a.annualTarget(), e.annualTarget());
            ratio(soft, k + " yoy_growth", a.yoyGrowth(), e.yoyGrowth());
            ratio(soft, k + " time_progress", a.timeProgress(), e.timeProgress());
            ratio(soft, k + " completion_ratio", a.completionRatio(), e.completionRatio());
            ratio(soft, k + " doubling_progress", a.doublingProgress(), e.doublingProgress());
            soft.assertThat(a.status()).as(k + " status").isEqualTo(e.status());
            soft.assertThat(a.rank()).as(k + " rank").isEqualTo(e.rank());
            decimal(soft, k + " ytd_per_capita", a.ytdPerCapita(), e.ytdPerCapita());
        }
        soft.assertThat(audit).as("ingest_audit").isEqualTo(expected.audit);
        compareLists(soft, "chain_progress", chains, expected.chains, everyTableHasRows);
        compareLists(soft, "park_progress", parks, expected.parks, everyTableHasRows);
        compareLists(soft, "town_activity", towns, expected.towns, everyTableHasRows);
        compareLists(soft, "leading_enterprises", leading, expected.leading, everyTableHasRows);
        compareLists(soft, "progress_alerts", alerts, expected.alerts, everyTableHasRows);
        compareLists(soft, "quarterly_assessment", assessment, expected.assessment, everyTableHasRows);
        compareLists(soft, "assessment_totals", assessmentTotals, expected.assessmentTotals, everyTableHasRows);
        compareLists(soft, "annual_review", reviews, expected.reviews, everyTableHasRows);
        compareLists(soft, "project_progress", projects, expected.projects, everyTableHasRows);
        compareLists(soft, "project_months", projectMonths, expected.projectMonths, everyTableHasRows);
        soft.assertThat(rejected).as("rejected_events (source|position → reason)").isEqualTo(expected.rejected);
        soft.assertAll();
        for (Audit a : audit.values()) {
            assertThat(a.received()).isEqualTo(a.accepted() + a.duplicates() + a.rejected());
        }
        long rejectedTotal = audit.values().stream().mapToLong(Audit::rejected).sum();
        assertThat(rejected).as("rejected equals the rows of rejected_events").hasSize((int) rejectedTotal);
    }

    /** Rows as lists of column values: decimals exactly, doubles to 1e-12 relative, the rest equal. */
    private static void compareLists(SoftAssertions soft, String table, Map<String, List<Object>> actual,
            Map<String, List<Object>> expected, boolean hasRows) {
        if (hasRows) {
            soft.assertThat(expected).as(table + " reference rows").isNotEmpty();
        }
        soft.assertThat(actual.keySet()).as(table + " keys").isEqualTo(expected.keySet());
        for (var e : expected.entrySet()) {
            List<Object> a = actual.get(e.getKey());
            if (a == null) {
                continue;
            }
            for (int i = 0; i < e.getValue().size(); i++) {
                Object x = e.getValue().get(i);
                Object y = a.get(i);
                String what = table + " " + e.getKey() + " column " + i;
                if (x instanceof BigDecimal bx) {
                    decimal(soft, what, (BigDecimal) y, bx);
                } else if (x instanceof Double dx) {
                    ratio(soft, what, (Double) y, dx);
                } else if (x == null) {
                    soft.assertThat(y).as(what).isNull();
                } else {
                    soft.assertThat(y).as(what).isEqualTo(x);
                }
            }
        }
    }

    private static void decimal(SoftAssertions soft, String what, BigDecimal actual, BigDecimal expected) {
        if (expected == null) {
            soft.assertThat(actual).as(what).isNull();
        } else {
            soft.assertThat(actual).as(what).isNotNull();
            if (actual != null) {
                soft.assertThat(actual).as(what).isEqualByComparingTo(expected);
            }
        }
    }

    private static void ratio(SoftAssertions soft, String what, Double actual, Double expected) {
        if (expected == null) {
            soft.assertThat(actual).as(what).isNull();
        } else {
            soft.assertThat(actual).as(what).isNotNull();
            if (actual != null) {
                soft.assertThat(actual).as(what).isCloseTo(expected, within(1e-12 * Math.max(1, Math.abs(expected))));
            }
        }
    }

}
