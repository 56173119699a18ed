package io.beizeng.bench;

import java.util.UUID;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.TableEnvironment;

/**
 * The same district-month output totals as the job, written as the Flink SQL a user would pick instead: Kafka JSON
 * tables, the registry's districts as a versioned table joined at each event's time (an event-time temporal join),
 * production deduplicated by eventId, grouped by district and month, upserted into PostgreSQL through the JDBC
 * connector. Records the job rejects are filtered out the way a careful SQL author would, before they can move a
 * watermark.
 */
final class FlinkSqlContender {
    /** The table the SQL job upserts into; {@link Workload} creates it. */
    static final String TABLE = "sql_district_month";

    private FlinkSqlContender() {}

    /**
     * @param tuned as a Flink SQL expert would tune it ({@code sql-tuned}): the watermark trails by the workload's
     *     real disorder (adjustments of last month arrive in the first 9 days of the next: 10 days) instead of the
     *     job's allowed lateness, mini-batch with two-phase aggregation, object reuse, and a state TTL equal to the
     *     job's dedupe horizon (7 days; processing time, so nothing expires within a benchmark, but the state carries
     *     its timestamps as it would in production). The heap state backend (the default) suits state this small.
     */
    static void run(String bootstrap, String jdbcUrl, int parallelism, String zone, String checkpoints, boolean tuned)
            throws Exception {
        Configuration conf = new Configuration();
        conf.setString("parallelism.default", String.valueOf(parallelism));
        conf.setString("execution.checkpointing.interval", "30 s");
        conf.setString("execution.checkpointing.dir", checkpoints);
        if (tuned) {
            conf.setString("table.exec.mini-batch.enabled", "true");
            conf.setString("table.exec.mini-batch.allow-latency", "1 s");
            conf.setString("table.exec.mini-batch.size", "5000");
            conf.setString("table.optimizer.agg-phase-strategy", "TWO_PHASE");
            conf.setString("pipeline.object-reuse", "true");
            conf.setString("table.exec.state.ttl", "7 d");
        } else {
            // mini-batch stays off (the default): it folds changes per key within a batch
            conf.setString("table.exec.mini-batch.enabled", "false");
        }
        conf.setString("table.dml-sync", "true");
        conf.setString("table.local-time-zone", zone);
        TableEnvironment t = TableEnvironment.create(EnvironmentSettings.newInstance().inStreamingMode()
                .withConfiguration(conf).build());
        String kafka = "'connector' = 'kafka', 'properties.bootstrap.servers' = '" + bootstrap + "', "
                + "'properties.group.id' = 'bench-sql-" + UUID.randomUUID() + "', "
                + "'properties." + FirstRecordClock.PROPERTY + "' = '" + FirstRecordClock.class.getName() + "', "
                + "'scan.startup.mode' = 'earliest-offset', 'scan.bounded.mode' = 'latest-offset', "
                + "'format' = 'json', 'json.ignore-parse-errors' = 'true', 'json.fail-on-missing-field' = 'false'";
        // Event times are instants with an offset; months are the plan's (its zone is the session's time zone).
        // TO_TIMESTAMP_LTZ ignores the offset in the text and reads it in the zone given, the plan's, which gives the
        // same instants here. The watermark trails by the job's allowed lateness (35 days; tuned: the workload's
        // disorder): corrections of last month arrive days late, and the temporal join must still find the district
        // they were reported in.
        //
        // A record's event time exists only if the record is valid. Flink SQL computes watermarks in the source,
        // from every row the format could read, before any WHERE: one malformed record with a plausible timestamp
        // (the generator's carry 2024-05-05) moved the watermark months ahead, the temporal join then dropped
        // registry versions that later production rows still needed, and their output went missing. The job is
        // not exposed to this: it rejects a record before its timestamp can move a watermark.
        String offset = "REGEXP(ts, '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(Z|[+-][0-9]{2}:[0-9]{2})$')";
        String productionValid = "eventId IS NOT NULL AND enterpriseId IS NOT NULL AND kind IN ('OUTPUT', 'ADJUSTMENT') "
                + "AND " + offset + " AND REGEXP(outputValue, '^-?[0-9]{1,16}(\\.[0-9]{1,2})?$') "
                + "AND NOT (kind = 'OUTPUT' AND outputValue LIKE '-%')";
        String registryValid = "eventId IS NOT NULL AND enterpriseId IS NOT NULL AND " + offset;
        String zoned = "TO_TIMESTAMP_LTZ(ts, 'yyyy-MM-dd''T''HH:mm:ssXXX', '" + zone + "')";
        String watermark = "WATERMARK FOR rt AS rt - INTERVAL '" + (tuned ? 10 : 35) + "' DAY";
        t.executeSql("CREATE TABLE production (eventId STRING, enterpriseId STRING, ts STRING, kind STRING, "
                + "outputValue STRING, pt AS PROCTIME(), rt AS CASE WHEN " + productionValid + " THEN " + zoned
                + " END, " + watermark + ") WITH (" + kafka + ", 'topic' = 'beizeng.production-events')");
        t.executeSql("CREATE TABLE registry (eventId STRING, enterpriseId STRING, ts STRING, type STRING, "
                + "districtCode STRING, rt AS CASE WHEN " + registryValid + " THEN " + zoned + " END, " + watermark
                + ") WITH (" + kafka + ", 'topic' = 'beizeng.enterprise-events')");
        t.executeSql("CREATE TABLE district_month (district_code STRING, `year` INT, `month` INT, "
                + "output_value DECIMAL(20, 2), events BIGINT, PRIMARY KEY (district_code, `year`, `month`) NOT ENFORCED)"
                + " WITH ('connector' = 'jdbc', 'url' = '" + jdbcUrl + "', 'table-name' = '" + TABLE + "', "
                + "'username' = 'postgres', 'password' = '" + System.getenv("BEIZENG_JDBC_PASSWORD") + "', "
                + "'sink.buffer-flush.max-rows' = '5000', 'sink.buffer-flush.interval' = '1s')");
        // the registry as a versioned table: each enterprise's district, one version per district-bearing change
        t.executeSql("CREATE TEMPORARY VIEW district_versions AS SELECT eid, districtCode, rt FROM ("
                + " SELECT enterpriseId AS eid, districtCode, rt, "
                + " ROW_NUMBER() OVER (PARTITION BY enterpriseId ORDER BY rt DESC) AS rn FROM registry"
                + " WHERE rt IS NOT NULL AND type IN ('REGISTERED', 'UPDATED') AND districtCode IS NOT NULL"
                + ") WHERE rn = 1");
        // production deduplicated by eventId: the first one counts
        t.executeSql("CREATE TEMPORARY VIEW first_production AS SELECT eventId, enterpriseId, outputValue, rt FROM ("
                + " SELECT eventId, enterpriseId, CAST(outputValue AS DECIMAL(20, 2)) AS outputValue, rt, "
                + " ROW_NUMBER() OVER (PARTITION BY eventId ORDER BY pt ASC) AS rn FROM production WHERE rt IS NOT NULL"
                + ") WHERE rn = 1");
        String year = "CAST(YEAR(CAST(p.rt AS TIMESTAMP(3))) AS INT)";
        String month = "CAST(MONTH(CAST(p.rt AS TIMESTAMP(3))) AS INT)";
        t.executeSql("INSERT INTO district_month SELECT d.districtCode, " + year + ", " + month + ", "
                + "SUM(p.outputValue), COUNT(*) FROM first_production AS p "
                + "JOIN district_versions FOR SYSTEM_TIME AS OF p.rt AS d ON p.enterpriseId = d.eid "
                + "GROUP BY d.districtCode, " + year + ", " + month).await();
    }
}
