package io.beizeng.sink;

import io.beizeng.model.AnnualReviewRow;
import io.beizeng.model.AssessmentScore;
import io.beizeng.model.AssessmentTotal;
import io.beizeng.model.ChainProgressRow;
import io.beizeng.model.DistrictProgressRow;
import io.beizeng.model.ParkProgressRow;
import io.beizeng.model.ProgressAlert;
import io.beizeng.model.ProjectMonthRow;
import io.beizeng.model.ProjectProgressRow;
import io.beizeng.model.IngestAuditRow;
import io.beizeng.model.LeadingStatus;
import io.beizeng.model.RejectedRecord;
import io.beizeng.model.TownActivityRow;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.connector.jdbc.JdbcConnectionOptions;
import org.apache.flink.connector.jdbc.JdbcExecutionOptions;
import org.apache.flink.connector.jdbc.core.datastream.sink.JdbcSink;

/**
 * The JDBC sinks: idempotent upserts ({@code INSERT … ON CONFLICT DO UPDATE}) with prepared statements. With
 * at-least-once delivery and a single writer per row key they give exactly-once results in the tables.
 */
public final class JdbcSinks {
    /** Stored payloads are capped at this many bytes (rejected_events.payload_truncated tells). */
    public static final int PAYLOAD_CAP_BYTES = 65536;

    private static final String UPSERT_PROGRESS = """
            INSERT INTO district_progress (plan_id, region_code, region_level, indicator, year, month,
                month_value, ytd_value, prior_ytd_value, yoy_growth, rolling12_value, baseline_value, target_value,
                annual_target, time_progress, completion_ratio, doubling_progress, status, rank, ytd_per_capita,
                updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, now())
            ON CONFLICT (plan_id, region_code, indicator, year, month) DO UPDATE SET
                region_level = EXCLUDED.region_level, month_value = EXCLUDED.month_value,
                ytd_value = EXCLUDED.ytd_value, prior_ytd_value = EXCLUDED.prior_ytd_value,
                yoy_growth = EXCLUDED.yoy_growth, rolling12_value = EXCLUDED.rolling12_value,
                baseline_value = EXCLUDED.baseline_value, target_value = EXCLUDED.target_value,
                annual_target = EXCLUDED.annual_target, time_progress = EXCLUDED.time_progress,
                completion_ratio = EXCLUDED.completion_ratio, doubling_progress = EXCLUDED.doubling_progress,
                status = EXCLUDED.status, rank = EXCLUDED.rank, ytd_per_capita = EXCLUDED.ytd_per_capita,
                updated_at = EXCLUDED.updated_at""";

    private static final String UPSERT_AUDIT = """
            INSERT INTO ingest_audit (source, received, accepted, duplicates, rejected, updated_at)
            VALUES (?, ?, ?, ?, ?, now())
            ON CONFLICT (source) DO UPDATE SET received = EXCLUDED.received, accepted = EXCLUDED.accepted,
                duplicates = EXCLUDED.duplicates, rejected = EXCLUDED.rejected, updated_at = EXCLUDED.updated_at""";

    private static final String UPSERT_REJECTED = """
            INSERT INTO rejected_events (source, position, reason, detail, event_id, payload, payload_bytes,
                payload_truncated, rejected_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, now())
            ON CONFLICT (source, position) DO UPDATE SET reason = EXCLUDED.reason, detail = EXCLUDED.detail,
                event_id = EXCLUDED.event_id, payload = EXCLUDED.payload, payload_bytes = EXCLUDED.payload_bytes,
                payload_truncated = EXCLUDED.payload_truncated""";

    private static final String UPSERT_CHAIN = """
            INSERT INTO chain_progress (plan_id, chain, indicator, year, month, month_value, ytd_value,
                prior_ytd_value, yoy_growth, rolling12_value, cluster_target, progress, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, now())
            ON CONFLICT (plan_id, chain, indicator, year, month) DO UPDATE SET month_value = EXCLUDED.month_value,
                ytd_value = EXCLUDED.ytd_value, prior_ytd_value = EXCLUDED.prior_ytd_value,
                yoy_growth = EXCLUDED.yoy_growth, rolling12_value = EXCLUDED.rolling12_value,
                cluster_target = EXCLUDED.cluster_target, progress = EXCLUDED.progress,
                updated_at = EXCLUDED.updated_at""";

    private static final String UPSERT_PARK = """
            INSERT INTO park_progress (plan_id, park_id, park_name, indicator, year, month, month_value, ytd_value,
                prior_ytd_value, yoy_growth, rolling12_value, baseline_value, target_value, annual_target,
                time_progress, completion_ratio, doubling_progress, status, rank, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, now())
            ON CONFLICT (plan_id, park_id, indicator, year, month) DO UPDATE SET park_name = EXCLUDED.park_name,
                month_value = EXCLUDED.month_value, ytd_value = EXCLUDED.ytd_value,
                prior_ytd_value = EXCLUDED.prior_ytd_value, yoy_growth = EXCLUDED.yoy_growth,
                rolling12_value = EXCLUDED.rolling12_value, baseline_value = EXCLUDED.baseline_value,
                target_value = EXCLUDED.target_value, annual_target = EXCLUDED.annual_target,
                time_progress = EXCLUDED.time_progress, completion_ratio = EXCLUDED.completion_ratio,
                doubling_progress = EXCLUDED.doubling_progress, status = EXCLUDED.status, rank = EXCLUDED.rank,
                updated_at = EXCLUDED.updated_at""";

    private static final String UPSERT_TOWN = """
            INSERT INTO town_activity (plan_id, town_code, day, output_value, electricity_kwh, reporting_enterprises,
                rank, week_ago_output_value, change_vs_week_ago, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, now())
            ON CONFLICT (plan_id, town_code, day) DO UPDATE SET output_value = EXCLUDED.output_value,
                electricity_kwh = EXCLUDED.electricity_kwh, reporting_enterprises = EXCLUDED.reporting_enterprises,
                rank = EXCLUDED.rank, week_ago_output_value = EXCLUDED.week_ago_output_value,
                change_vs_week_ago = EXCLUDED.change_vs_week_ago, updated_at = EXCLUDED.updated_at""";

    private static final String UPSERT_LEADING = """
            INSERT INTO leading_enterprises (plan_id, enterprise_id, year, month, district_code, trailing12_revenue,
                tier, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, now())
            ON CONFLICT (plan_id, enterprise_id, year, month) DO UPDATE SET district_code = EXCLUDED.district_code,
                trailing12_revenue = EXCLUDED.trailing12_revenue, tier = EXCLUDED.tier,
                updated_at = EXCLUDED.updated_at""";

    private static final String UPSERT_ALERT = """
            INSERT INTO progress_alerts (plan_id, alert_id, region_code, region_level, indicator, year, month, kind,
                previous_status, status, rank, completion_ratio, time_progress, ytd_value, annual_target, raised_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, now())
            ON CONFLICT (plan_id, alert_id) DO NOTHING""";

    private static final String UPSERT_SCORE = """
            INSERT INTO quarterly_assessment (plan_id, region_code, year, quarter, indicator, weight, per_capita, value,
                completion_ratio, time_progress, score, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, now())
            ON CONFLICT (plan_id, region_code, year, quarter, indicator) DO UPDATE SET weight = EXCLUDED.weight,
                per_capita = EXCLUDED.per_capita, value = EXCLUDED.value,
                completion_ratio = EXCLUDED.completion_ratio, time_progress = EXCLUDED.time_progress,
                score = EXCLUDED.score, updated_at = EXCLUDED.updated_at""";

    private static final String UPSERT_TOTAL = """
            INSERT INTO assessment_totals (plan_id, region_code, year, quarter, total_score, rank, grade, final,
                updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, now())
            ON CONFLICT (plan_id, region_code, year, quarter) DO UPDATE SET total_score = EXCLUDED.total_score,
                rank = EXCLUDED.rank, grade = EXCLUDED.grade, final = EXCLUDED.final,
                updated_at = EXCLUDED.updated_at""";

    private static final String UPSERT_REVIEW = """
            INSERT INTO annual_review (plan_id, region_code, year, indicators, q4_total_score, q4_rank, q4_grade,
                rank_change, final, updated_at)
            VALUES (?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?, now())
            ON CONFLICT (plan_id, region_code, year) DO UPDATE SET indicators = EXCLUDED.indicators,
                q4_total_score = EXCLUDED.q4_total_score, q4_rank = EXCLUDED.q4_rank, q4_grade = EXCLUDED.q4_grade,
                rank_change = EXCLUDED.rank_change, final = EXCLUDED.final, updated_at = EXCLUDED.updated_at""";

    private static final String UPSERT_PROJECT = """
            INSERT INTO project_progress (plan_id, project_id, district_code, chain, signed_amount, major, signed_at,
                started_at, completed_at, invested, invested_share, stage, light, light_reason, as_of, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, now())
            ON CONFLICT (plan_id, project_id) DO UPDATE SET district_code = EXCLUDED.district_code,
                chain = EXCLUDED.chain, signed_amount = EXCLUDED.signed_amount, major = EXCLUDED.major,
                signed_at = EXCLUDED.signed_at, started_at = EXCLUDED.started_at,
                completed_at = EXCLUDED.completed_at, invested = EXCLUDED.invested,
                invested_share = EXCLUDED.invested_share, stage = EXCLUDED.stage, light = EXCLUDED.light,
                light_reason = EXCLUDED.light_reason, as_of = EXCLUDED.as_of, updated_at = EXCLUDED.updated_at""";

    private static final String UPSERT_PROJECT_MONTH = """
            INSERT INTO project_months (plan_id, project_id, year, month, district_code, stage, invested_to_date,
                invested_share, light, light_reason, judged_on, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, now())
            ON CONFLICT (plan_id, project_id, year, month) DO UPDATE SET district_code = EXCLUDED.district_code,
                stage = EXCLUDED.stage, invested_to_date = EXCLUDED.invested_to_date,
                invested_share = EXCLUDED.invested_share, light = EXCLUDED.light,
                light_reason = EXCLUDED.light_reason, judged_on = EXCLUDED.judged_on,
                updated_at = EXCLUDED.updated_at""";

    private final JdbcConnectionOptions connection;
    private final JdbcExecutionOptions execution;

    public JdbcSinks(JdbcTarget target, long flushIntervalMs) {
        this.connection = new JdbcConnectionOptions.JdbcConnectionOptionsBuilder()
                .withUrl(target.url())
                .withDriverName("org.postgresql.Driver")
                .withUsername(target.user())
                .withPassword(target.password())
                .build();
        this.execution = JdbcExecutionOptions.builder()
                .withBatchSize(2000)
                .withBatchIntervalMs(flushIntervalMs)
                .withMaxRetries(5)
                .build();
    }

    public Sink<DistrictProgressRow> districtProgress() {
        return new MeasuredSink<>(JdbcSink.<DistrictProgressRow>builder()
                .withQueryStatement(UPSERT_PROGRESS, JdbcSinks::bindProgress)
                .withExecutionOptions(execution)
                .buildAtLeastOnce(connection), "district_progress");
    }

    public Sink<ChainProgressRow> chainProgress() {
        return new MeasuredSink<>(JdbcSink.<ChainProgressRow>builder()
                .withQueryStatement(UPSERT_CHAIN, (ps, r) -> {
                    ps.setString(1, r.planId());
                    ps.setString(2, r.chain());
                    ps.setString(3, r.indicator());
                    ps.setInt(4, r.year());
                    ps.setInt(5, r.month());
                    ps.setBigDecimal(6, r.monthValue());
                    ps.setBigDecimal(7, r.ytdValue());
                    setDecimal(ps, 8, r.priorYtdValue());
                    setDouble(ps, 9, r.yoyGrowth());
                    ps.setBigDecimal(10, r.rolling12Value());
                    setDecimal(ps, 11, r.clusterTarget());
                    setDouble(ps, 12, r.progress());
                })
                .withExecutionOptions(execution)
                .buildAtLeastOnce(connection), "chain_progress");
    }

    public Sink<ParkProgressRow> parkProgress() {
        return new MeasuredSink<>(JdbcSink.<ParkProgressRow>builder()
                .withQueryStatement(UPSERT_PARK, (ps, r) -> {
                    ps.setString(1, r.planId());
                    ps.setString(2, r.parkId());
                    ps.setString(3, r.parkName());
                    ps.setString(4, r.indicator());
                    ps.setInt(5, r.year());
                    ps.setInt(6, r.month());
                    ps.setBigDecimal(7, r.monthValue());
                    ps.setBigDecimal(8, r.ytdValue());
                    setDecimal(ps, 9, r.priorYtdValue());
                    setDouble(ps, 10, r.yoyGrowth());
                    ps.setBigDecimal(11, r.rolling12Value());
                    ps.setBigDecimal(12, r.baselineValue());
                    ps.setBigDecimal(13, r.targetValue());
                    ps.setBigDecimal(14, r.annualTarget());
                    ps.setDouble(15, r.timeProgress());
                    ps.setDouble(16, r.completionRatio());
                    setDouble(ps, 17, r.doublingProgress());
                    ps.setString(18, r.status());
                    ps.setInt(19, r.rank());
                })
                .withExecutionOptions(execution)
                .buildAtLeastOnce(connection), "park_progress");
    }

    public Sink<TownActivityRow> townActivity() {
        return new MeasuredSink<>(JdbcSink.<TownActivityRow>builder()
                .withQueryStatement(UPSERT_TOWN, (ps, r) -> {
                    ps.setString(1, r.planId());
                    ps.setString(2, r.townCode());
                    ps.setObject(3, LocalDate.ofEpochDay(r.epochDay()));
                    ps.setBigDecimal(4, r.outputValue());
                    ps.setBigDecimal(5, r.electricityKwh());
                    ps.setLong(6, r.reportingEnterprises());
                    ps.setInt(7, r.rank());
                    setDecimal(ps, 8, r.weekAgoOutputValue());
                    setDouble(ps, 9, r.changeVsWeekAgo());
                })
                .withExecutionOptions(execution)
                .buildAtLeastOnce(connection), "town_activity");
    }

    public Sink<LeadingStatus> leadingEnterprises() {
        return new MeasuredSink<>(JdbcSink.<LeadingStatus>builder()
                .withQueryStatement(UPSERT_LEADING, (ps, r) -> {
                    ps.setString(1, r.planId());
                    ps.setString(2, r.enterpriseId());
                    ps.setInt(3, r.year());
                    ps.setInt(4, r.month());
                    ps.setString(5, r.districtCode());
                    ps.setBigDecimal(6, r.trailing12Revenue());
                    ps.setString(7, r.tier().name());
                })
                .withExecutionOptions(execution)
                .buildAtLeastOnce(connection), "leading_enterprises");
    }

    public Sink<ProgressAlert> progressAlerts() {
        return new MeasuredSink<>(JdbcSink.<ProgressAlert>builder()
                .withQueryStatement(UPSERT_ALERT, (ps, a) -> {
                    ps.setString(1, a.planId());
                    ps.setString(2, a.alertId());
                    ps.setString(3, a.regionCode());
                    ps.setString(4, a.regionLevel());
                    ps.setString(5, a.indicator());
                    ps.setInt(6, a.year());
                    ps.setInt(7, a.month());
                    ps.setString(8, a.kind());
                    ps.setString(9, a.previousStatus());
                    ps.setString(10, a.status());
                    setInt(ps, 11, a.rank());
                    setDouble(ps, 12, a.completionRatio());
                    ps.setDouble(13, a.timeProgress());
                    ps.setBigDecimal(14, a.ytdValue());
                    ps.setBigDecimal(15, a.annualTarget());
                })
                .withExecutionOptions(execution)
                .buildAtLeastOnce(connection), "progress_alerts");
    }

    public Sink<IngestAuditRow> ingestAudit() {
        return new MeasuredSink<>(JdbcSink.<IngestAuditRow>builder()
                .withQueryStatement(UPSERT_AUDIT, (ps, r) -> {
                    ps.setString(1, r.source());
                    ps.setLong(2, r.received());
                    ps.setLong(3, r.accepted());
                    ps.setLong(4, r.duplicates());
                    ps.setLong(5, r.rejected());
                })
                .withExecutionOptions(execution)
                .buildAtLeastOnce(connection), "ingest_audit");
    }

    public Sink<RejectedRecord> rejectedEvents() {
        return new MeasuredSink<>(JdbcSink.<RejectedRecord>builder()
                .withQueryStatement(UPSERT_REJECTED, JdbcSinks::bindRejected)
                .withExecutionOptions(execution)
                .buildAtLeastOnce(connection), "rejected_events");
    }

    public Sink<AssessmentScore> quarterlyAssessment() {
        return new MeasuredSink<>(JdbcSink.<AssessmentScore>builder()
                .withQueryStatement(UPSERT_SCORE, (ps, r) -> {
                    ps.setString(1, r.planId());
                    ps.setString(2, r.regionCode());
                    ps.setInt(3, r.year());
                    ps.setInt(4, r.quarter());
                    ps.setString(5, r.indicator());
                    ps.setBigDecimal(6, r.weight());
                    ps.setBoolean(7, r.perCapita());
                    setDecimal(ps, 8, r.value());
                    setDouble(ps, 9, r.completionRatio());
                    ps.setDouble(10, r.timeProgress());
                    setDouble(ps, 11, r.score());
                })
                .withExecutionOptions(execution)
                .buildAtLeastOnce(connection), "quarterly_assessment");
    }

    public Sink<AssessmentTotal> assessmentTotals() {
        return new MeasuredSink<>(JdbcSink.<AssessmentTotal>builder()
                .withQueryStatement(UPSERT_TOTAL, (ps, r) -> {
                    ps.setString(1, r.planId());
                    ps.setString(2, r.regionCode());
                    ps.setInt(3, r.year());
                    ps.setInt(4, r.quarter());
                    setDouble(ps, 5, r.totalScore());
                    ps.setInt(6, r.rank());
                    ps.setString(7, r.grade());
                    ps.setBoolean(8, r.isFinal());
                })
                .withExecutionOptions(execution)
                .buildAtLeastOnce(connection), "assessment_totals");
    }

    public Sink<AnnualReviewRow> annualReview() {
        return new MeasuredSink<>(JdbcSink.<AnnualReviewRow>builder()
                .withQueryStatement(UPSERT_REVIEW, (ps, r) -> {
                    ps.setString(1, r.planId());
                    ps.setString(2, r.regionCode());
                    ps.setInt(3, r.year());
                    ps.setString(4, r.indicators());
                    setDouble(ps, 5, r.q4TotalScore());
                    setInt(ps, 6, r.q4Rank());
                    ps.setString(7, r.q4Grade());
                    setInt(ps, 8, r.rankChange());
                    ps.setBoolean(9, r.isFinal());
                })
                .withExecutionOptions(execution)
                .buildAtLeastOnce(connection), "annual_review");
    }

    public Sink<ProjectProgressRow> projectProgress() {
        return new MeasuredSink<>(JdbcSink.<ProjectProgressRow>builder()
                .withQueryStatement(UPSERT_PROJECT, (ps, r) -> {
                    ps.setString(1, r.planId());
                    ps.setString(2, r.projectId());
                    ps.setString(3, r.districtCode());
                    ps.setString(4, r.chain());
                    setDecimal(ps, 5, r.signedAmount());
                    ps.setBoolean(6, r.major());
                    setInstant(ps, 7, r.signedAt());
                    setInstant(ps, 8, r.startedAt());
                    setInstant(ps, 9, r.completedAt());
                    ps.setBigDecimal(10, r.invested());
                    setDouble(ps, 11, r.investedShare());
                    ps.setString(12, r.stage());
                    ps.setString(13, r.light());
                    ps.setString(14, r.lightReason());
                    ps.setObject(15, LocalDate.ofEpochDay(r.asOfDay()));
                })
                .withExecutionOptions(execution)
                .buildAtLeastOnce(connection), "project_progress");
    }

    public Sink<ProjectMonthRow> projectMonths() {
        return new MeasuredSink<>(JdbcSink.<ProjectMonthRow>builder()
                .withQueryStatement(UPSERT_PROJECT_MONTH, (ps, r) -> {
                    ps.setString(1, r.planId());
                    ps.setString(2, r.projectId());
                    ps.setInt(3, r.year());
                    ps.setInt(4, r.month());
                    ps.setString(5, r.districtCode());
                    ps.setString(6, r.stage());
                    ps.setBigDecimal(7, r.investedToDate());
                    setDouble(ps, 8, r.investedShare());
                    ps.setString(9, r.light());
                    ps.setString(10, r.lightReason());
                    ps.setObject(11, LocalDate.ofEpochDay(r.judgedOnDay()));
                })
                .withExecutionOptions(execution)
                .buildAtLeastOnce(connection), "project_months");
    }

    static void bindProgress(PreparedStatement ps, DistrictProgressRow r) throws SQLException {
        ps.setString(1, r.planId());
        ps.setString(2, r.regionCode());
        ps.setString(3, r.regionLevel());
        ps.setString(4, r.indicator());
        ps.setInt(5, r.year());
        ps.setInt(6, r.month());
        ps.setBigDecimal(7, r.monthValue());
        ps.setBigDecimal(8, r.ytdValue());
        setDecimal(ps, 9, r.priorYtdValue());
        setDouble(ps, 10, r.yoyGrowth());
        ps.setBigDecimal(11, r.rolling12Value());
        ps.setBigDecimal(12, r.baselineValue());
        ps.setBigDecimal(13, r.targetValue());
        ps.setBigDecimal(14, r.annualTarget());
        ps.setDouble(15, r.timeProgress());
        setDouble(ps, 16, r.completionRatio());
        setDouble(ps, 17, r.doublingProgress());
        ps.setString(18, r.status());
        setInt(ps, 19, r.rank());
        setDecimal(ps, 20, r.ytdPerCapita());
    }

    static void bindRejected(PreparedStatement ps, RejectedRecord r) throws SQLException {
        byte[] payload = r.payload() == null ? new byte[0] : r.payload();
        ps.setString(1, r.source());
        ps.setString(2, r.position());
        ps.setString(3, r.reason().name());
        ps.setString(4, storableText(r.detail()));
        ps.setString(5, r.eventId() == null ? null : storableText(r.eventId()));
        ps.setString(6, storablePayload(payload));
        ps.setInt(7, payload.length);
        ps.setBoolean(8, payload.length > PAYLOAD_CAP_BYTES);
    }

    /** The payload as text PostgreSQL accepts: capped, invalid UTF-8 and NUL replaced by U+FFFD. */
    static String storablePayload(byte[] payload) {
        byte[] capped = payload.length > PAYLOAD_CAP_BYTES ? Arrays.copyOf(payload, PAYLOAD_CAP_BYTES) : payload;
        return storableText(new String(capped, StandardCharsets.UTF_8));
    }

    private static String storableText(String s) {
        return s.indexOf('\0') < 0 ? s : s.replace('\0', '\uFFFD');
    }

    private static void setDecimal(PreparedStatement ps, int i, BigDecimal v) throws SQLException {
        if (v == null) {
            ps.setNull(i, Types.NUMERIC);
        } else {
            ps.setBigDecimal(i, v);
        }
    }

    /** Epoch milliseconds as a timestamptz, or NULL. */
    private static void setInstant(PreparedStatement ps, int i, Long epochMs) throws SQLException {
        if (epochMs == null) {
            ps.setNull(i, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            ps.setObject(i, OffsetDateTime.ofInstant(Instant.ofEpochMilli(epochMs), ZoneOffset.UTC));
        }
    }

    private static void setInt(PreparedStatement ps, int i, Integer v) throws SQLException {
        if (v == null) {
            ps.setNull(i, Types.INTEGER);
        } else {
            ps.setInt(i, v);
        }
    }

    private static void setDouble(PreparedStatement ps, int i, Double v) throws SQLException {
        if (v == null) {
            ps.setNull(i, Types.DOUBLE);
        } else {
            ps.setDouble(i, v);
        }
    }
}
