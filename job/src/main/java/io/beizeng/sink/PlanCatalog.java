package io.beizeng.sink;

import io.beizeng.config.Plan;
import io.beizeng.config.Region;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/** Writes the plan's regions and their names to {@code plan_regions}, for the views and dashboards. */
public final class PlanCatalog {
    private static final String UPSERT = """
            INSERT INTO plan_regions (plan_id, region_code, region_level, name, name_en) VALUES (?, ?, ?, ?, ?)
            ON CONFLICT (plan_id, region_code) DO UPDATE SET region_level = EXCLUDED.region_level,
                name = EXCLUDED.name, name_en = EXCLUDED.name_en""";

    private PlanCatalog() {}

    public static void write(JdbcTarget target, Plan plan) throws SQLException {
        try (Connection c = target.connect(); PreparedStatement ps = c.prepareStatement(UPSERT)) {
            add(ps, plan, plan.city(), "CITY");
            for (Region d : plan.districts()) {
                add(ps, plan, d, "DISTRICT");
            }
            ps.executeBatch();
        }
    }

    /** Whether the database holds result rows of the plan (its {@code district_progress}). */
    public static boolean hasRows(JdbcTarget target, Plan plan) {
        try (Connection c = target.connect();
                PreparedStatement ps = c.prepareStatement("SELECT 1 FROM district_progress WHERE plan_id = ? LIMIT 1")) {
            ps.setString(1, plan.planId());
            try (var rs = ps.executeQuery()) {
                return rs.next();
            }
        } catch (SQLException e) {
            throw new io.beizeng.StartupException("cannot read the rows of plan " + plan.planId() + " at "
                    + target.url() + ": " + e.getMessage());
        }
    }

    private static void add(PreparedStatement ps, Plan plan, Region r, String level) throws SQLException {
        ps.setString(1, plan.planId());
        ps.setString(2, r.code());
        ps.setString(3, level);
        ps.setString(4, r.name());
        ps.setString(5, r.nameEn());
        ps.addBatch();
    }
}
