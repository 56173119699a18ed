package io.beizeng.screen;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.beizeng.config.Indicator;
import io.beizeng.config.ParkPlan;
import io.beizeng.config.Plan;
import io.beizeng.config.Region;
import io.beizeng.model.Chain;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the screen shows, read from the result tables of one plan, as JSON: each part a function of a connection.
 * Names come from the plan file (the page escapes them). Amounts are in CNY, ratios as fractions; the page formats.
 */
public final class ScreenData {
    /** The parts of the screen, each served at {@code /api/NAME}; {@code /api/screen} is all of them at once. */
    public static final List<String> PARTS = List.of("headline", "districts", "chains", "parks", "projects", "towns",
            "alerts");

    private static final String LATEST_PROGRESS = """
            SELECT region_code, region_level, year, month, ytd_value, annual_target, completion_ratio, time_progress,
                   doubling_progress, status, rank, updated_at
            FROM v_latest_district_progress
            WHERE plan_id = ? AND indicator = ?
            ORDER BY rank NULLS LAST, region_code""";
    private static final String LATEST_CHAINS = """
            SELECT chain, year, month, ytd_value, rolling12_value, cluster_target, progress
            FROM chain_progress
            WHERE plan_id = ? AND indicator = ? AND year * 12 + month = (
                SELECT max(year * 12 + month) FROM chain_progress WHERE plan_id = ? AND indicator = ?)
            ORDER BY chain""";
    private static final String LATEST_PARKS = """
            SELECT park_id, year, month, ytd_value, annual_target, completion_ratio, time_progress, status, rank
            FROM park_progress
            WHERE plan_id = ? AND indicator = ? AND year * 12 + month = (
                SELECT max(year * 12 + month) FROM park_progress WHERE plan_id = ? AND indicator = ?)
            ORDER BY rank, park_id""";
    private static final String MAJOR_PROJECTS = """
            SELECT project_id, district_code, chain, signed_amount, invested, invested_share, stage, light,
                   light_reason, as_of
            FROM v_key_projects
            WHERE plan_id = ?
            ORDER BY light_order, district_code, project_id""";
    private static final String PROJECT_LIGHTS = """
            SELECT light, count(*) AS projects FROM project_progress WHERE plan_id = ? GROUP BY light""";
    private static final String LATEST_TOWNS = """
            SELECT town_code, day, output_value, reporting_enterprises, rank, change_vs_week_ago
            FROM town_activity
            WHERE plan_id = ? AND day = (SELECT max(day) FROM town_activity WHERE plan_id = ?)
            ORDER BY rank, town_code
            LIMIT ?""";
    private static final String LATEST_ALERTS = """
            SELECT alert_id, region_code, indicator, year, month, kind, previous_status, status, rank, raised_at
            FROM progress_alerts
            WHERE plan_id = ?
            ORDER BY raised_at DESC, alert_id DESC
            LIMIT ?""";

    private final Plan plan;
    private final Indicator indicator;
    private final JsonNodeFactory json = JsonNodeFactory.instance;
    private final Map<String, Region> regions = new HashMap<>();
    private final Map<String, ParkPlan> parks = new HashMap<>();

    /** @param indicator the headline indicator: the city's, the districts' and the parks' figures */
    public ScreenData(Plan plan, Indicator indicator) {
        this.plan = plan;
        this.indicator = indicator;
        regions.put(plan.city().code(), plan.city());
        plan.districts().forEach(d -> regions.put(d.code(), d));
        plan.parks().forEach(p -> parks.put(p.id(), p));
    }

    /** One part by name (one of {@link #PARTS}). */
    public ObjectNode part(String name, Connection c) throws SQLException {
        return switch (name) {
            case "headline" -> progress(c).headline();
            case "districts" -> progress(c).districts();
            case "chains" -> chains(c);
            case "parks" -> parks(c);
            case "projects" -> projects(c);
            case "towns" -> towns(c);
            case "alerts" -> alerts(c);
            default -> throw new IllegalArgumentException("no screen part " + name);
        };
    }

    /** Every part, read in one read-only transaction so that the parts agree with each other. */
    public ObjectNode all(Connection c) throws SQLException {
        ObjectNode all = json.objectNode();
        Progress progress = progress(c);
        for (String part : PARTS) {
            all.set(part, switch (part) {
                case "headline" -> progress.headline();
                case "districts" -> progress.districts();
                default -> part(part, c);
            });
        }
        return all;
    }

    /** The headline and the districts: the city's and the districts' rows of one read of the latest month. */
    private record Progress(ObjectNode headline, ObjectNode districts) {}

    /**
     * The plan, the indicator and the city's row of the latest month (the headline); every district's row of that
     * month, ranked.
     */
    private Progress progress(Connection c) throws SQLException {
        ObjectNode headline = json.objectNode();
        headline.put("planId", plan.planId()).put("plan", plan.name()).put("city", plan.city().name())
                .put("cityEn", plan.city().nameEn()).put("indicator", indicator.name())
                .put("baselineYear", plan.baselineYear()).put("targetYear", plan.targetYear());
        ObjectNode districts = json.objectNode().put("indicator", indicator.name());
        ArrayNode rows = districts.putArray("rows");
        try (PreparedStatement ps = c.prepareStatement(LATEST_PROGRESS)) {
            ps.setString(1, plan.planId());
            ps.setString(2, indicator.name());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (rs.getString("region_level").equals("CITY")) {
                        progress(headline, rs);
                        OffsetDateTime updated = rs.getObject("updated_at", OffsetDateTime.class);
                        headline.put("updatedAt", updated == null ? null : updated.toString());
                    } else {
                        ObjectNode row = rows.addObject();
                        region(row, rs.getString("region_code"));
                        progress(row, rs);
                        row.put("rank", (Integer) rs.getObject("rank"));
                        districts.put("year", rs.getInt("year")).put("month", rs.getInt("month"));
                    }
                }
            }
        }
        return new Progress(headline, districts);
    }

    /** Every chain's year-to-date and trailing-12-month scale against its cluster target. */
    ObjectNode chains(Connection c) throws SQLException {
        ObjectNode out = json.objectNode().put("indicator", plan.clusterIndicator().name());
        ArrayNode rows = out.putArray("rows");
        try (PreparedStatement ps = latest(c, LATEST_CHAINS, plan.clusterIndicator().name());
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                Chain chain = Chain.valueOf(rs.getString("chain"));
                rows.addObject().put("chain", chain.name()).put("name", chain.nameZh())
                        .put("ytd", rs.getBigDecimal("ytd_value")).put("rolling12", rs.getBigDecimal("rolling12_value"))
                        .put("clusterTarget", rs.getBigDecimal("cluster_target"))
                        .put("progress", (Double) rs.getObject("progress"));
                out.put("year", rs.getInt("year")).put("month", rs.getInt("month"));
            }
        }
        return out;
    }

    /** Every park's row of the latest month, ranked. */
    ObjectNode parks(Connection c) throws SQLException {
        ObjectNode out = json.objectNode().put("indicator", indicator.name());
        ArrayNode rows = out.putArray("rows");
        try (PreparedStatement ps = latest(c, LATEST_PARKS, indicator.name()); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                ParkPlan park = parks.get(rs.getString("park_id"));
                rows.addObject().put("id", rs.getString("park_id"))
                        .put("name", park == null ? rs.getString("park_id") : park.name())
                        .put("nameEn", park == null ? null : park.nameEn())
                        .put("ytd", rs.getBigDecimal("ytd_value")).put("annualTarget", rs.getBigDecimal("annual_target"))
                        .put("completion", (Double) rs.getObject("completion_ratio"))
                        .put("timeProgress", rs.getDouble("time_progress")).put("status", rs.getString("status"))
                        .put("rank", rs.getInt("rank"));
                out.put("year", rs.getInt("year")).put("month", rs.getInt("month"));
            }
        }
        return out;
    }

    /** The major projects, RED first, and how many projects of each light there are. */
    ObjectNode projects(Connection c) throws SQLException {
        ObjectNode out = json.objectNode();
        ObjectNode lights = out.putObject("lights").put("GREEN", 0).put("YELLOW", 0).put("RED", 0);
        try (PreparedStatement ps = c.prepareStatement(PROJECT_LIGHTS)) {
            ps.setString(1, plan.planId());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    lights.put(rs.getString("light"), rs.getLong("projects"));
                }
            }
        }
        ArrayNode rows = out.putArray("major");
        try (PreparedStatement ps = c.prepareStatement(MAJOR_PROJECTS)) {
            ps.setString(1, plan.planId());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ObjectNode row = rows.addObject().put("id", rs.getString("project_id"));
                    region(row, rs.getString("district_code"));
                    String chain = rs.getString("chain");
                    row.put("chain", chain).put("chainName", chain == null ? null : Chain.valueOf(chain).nameZh())
                            .put("signedAmount", rs.getBigDecimal("signed_amount"))
                            .put("invested", rs.getBigDecimal("invested"))
                            .put("investedShare", (Double) rs.getObject("invested_share"))
                            .put("stage", rs.getString("stage")).put("light", rs.getString("light"))
                            .put("reason", rs.getString("light_reason"));
                    out.put("asOf", rs.getObject("as_of", LocalDate.class).toString());
                }
            }
        }
        return out;
    }

    /** The towns of the latest day, by output value. */
    ObjectNode towns(Connection c) throws SQLException {
        ObjectNode out = json.objectNode();
        ArrayNode rows = out.putArray("rows");
        try (PreparedStatement ps = c.prepareStatement(LATEST_TOWNS)) {
            ps.setString(1, plan.planId());
            ps.setString(2, plan.planId());
            ps.setInt(3, 10);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.addObject().put("town", rs.getString("town_code"))
                            .put("output", rs.getBigDecimal("output_value"))
                            .put("enterprises", rs.getLong("reporting_enterprises")).put("rank", rs.getInt("rank"))
                            .put("changeVsWeekAgo", (Double) rs.getObject("change_vs_week_ago"));
                    out.put("day", rs.getObject("day", LocalDate.class).toString());
                }
            }
        }
        return out;
    }

    /** The latest alerts, newest first. */
    ObjectNode alerts(Connection c) throws SQLException {
        ObjectNode out = json.objectNode();
        ArrayNode rows = out.putArray("rows");
        try (PreparedStatement ps = c.prepareStatement(LATEST_ALERTS)) {
            ps.setString(1, plan.planId());
            ps.setInt(2, 10);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ObjectNode row = rows.addObject().put("id", rs.getString("alert_id"));
                    region(row, rs.getString("region_code"));
                    row.put("indicator", rs.getString("indicator")).put("year", rs.getInt("year"))
                            .put("month", rs.getInt("month")).put("kind", rs.getString("kind"))
                            .put("previousStatus", rs.getString("previous_status"))
                            .put("status", rs.getString("status")).put("rank", (Integer) rs.getObject("rank"));
                }
            }
        }
        return out;
    }

    private PreparedStatement latest(Connection c, String sql, String indicatorName) throws SQLException {
        PreparedStatement ps = c.prepareStatement(sql);
        ps.setString(1, plan.planId());
        ps.setString(2, indicatorName);
        ps.setString(3, plan.planId());
        ps.setString(4, indicatorName);
        return ps;
    }

    private void region(ObjectNode row, String code) {
        Region r = regions.get(code);
        row.put("code", code).put("name", r == null ? code : r.name()).put("nameEn", r == null ? null : r.nameEn());
    }

    private static void progress(ObjectNode row, ResultSet rs) throws SQLException {
        BigDecimal ytd = rs.getBigDecimal("ytd_value");
        row.put("year", rs.getInt("year")).put("month", rs.getInt("month")).put("ytd", ytd)
                .put("annualTarget", rs.getBigDecimal("annual_target"))
                .put("completion", (Double) rs.getObject("completion_ratio"))
                .put("timeProgress", rs.getDouble("time_progress"))
                .put("doubling", (Double) rs.getObject("doubling_progress")).put("status", rs.getString("status"));
    }
}
