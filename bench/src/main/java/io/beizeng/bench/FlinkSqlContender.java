package io.beizeng.bench;

import java.util.UUID;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.table.api.EnvironmentSettings;
import static org.apache.flink.table.api.Expressions.$;

import org.apache.flink.table.api.Table;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.table.functions.TemporalTableFunction;

/**
 * The same district-month output totals as the job, written as the Flink SQL a user would pick instead: Kafka JSON
 * tables, the registry's history of districts as a temporal table function joined at each event's time, production
 * deduplicated by eventId, grouped by district and month, upserted into PostgreSQL through the JDBC connector. Records
 * the job rejects are filtered out the way a careful SQL author would. On workloads with relocations its totals
 * still come out low: see bench/RESULTS.md.
 */
final class FlinkSqlContender {
    /** The table the SQL job upserts into; {@link Workload} creates it. */
    static final String TABLE = "sql_district_month";

    private FlinkSqlContender() {}

    static long run(String bootstrap, String jdbcUrl, int parallelism, String zone, String checkpoints)
            throws Exception {
        Configuration conf = new Configuration();
        conf.setString("parallelism.default", String.valueOf(parallelism));
        conf.setString("execution.checkpointing.interval", "30 s");
        conf.setString("execution.checkpointing.dir", checkpoints);
        // mini-batch stays off (the default): it folds changes per key within a batch
        conf.setString("table.exec.mini-batch.enabled", "false");
        conf.setString("table.dml-sync", "true");
        conf.setString("table.local-time-zone", zone);
        TableEnvironment t = TableEnvironment.create(EnvironmentSettings.newInstance().inStreamingMode()
                .withConfiguration(conf).build());
        String kafka = "'connector' = 'kafka', 'properties.bootstrap.servers' = '" + bootstrap + "', "
                + "'properties.group.id' = 'bench-sql-" + UUID.randomUUID() + "', "
                + "'scan.startup.mode' = 'earliest-offset', 'scan.bounded.mode' = 'latest-offset', "
                + "'format' = 'json', 'json.ignore-parse-errors' = 'true', 'json.fail-on-missing-field' = 'false'";
        // Event times are instants with an offset; months are the plan's (its zone is the session's time zone).
        // TO_TIMESTAMP_LTZ ignores the offset in the text and reads it in the zone given, the plan's, which gives the
        // same instants here. The watermark trails by the job's allowed lateness (35 days): corrections of last month
        // arrive weeks late, and the temporal join must still find the district they were reported in.
        String eventTime = "rt AS TO_TIMESTAMP_LTZ(ts, 'yyyy-MM-dd''T''HH:mm:ssXXX', '" + zone + "'), "
                + "WATERMARK FOR rt AS rt - INTERVAL '35' DAY";
        t.executeSql("CREATE TABLE production (eventId STRING, enterpriseId STRING, ts STRING, kind STRING, "
                + "outputValue STRING, pt AS PROCTIME(), " + eventTime + ") WITH (" + kafka
                + ", 'topic' = 'beizeng.production-events')");
        t.executeSql("CREATE TABLE registry (eventId STRING, enterpriseId STRING, ts STRING, type STRING, "
                + "districtCode STRING, " + eventTime + ") WITH (" + kafka
                + ", 'topic' = 'beizeng.enterprise-events')");
        t.executeSql("CREATE TABLE district_month (district_code STRING, `year` INT, `month` INT, "
                + "output_value DECIMAL(20, 2), events BIGINT, PRIMARY KEY (district_code, `year`, `month`) NOT ENFORCED)"
                + " WITH ('connector' = 'jdbc', 'url' = '" + jdbcUrl + "', 'table-name' = '" + TABLE + "', "
                + "'username' = 'postgres', 'password' = '" + System.getenv("BEIZENG_JDBC_PASSWORD") + "', "
                + "'sink.buffer-flush.max-rows' = '5000', 'sink.buffer-flush.interval' = '1s')");
        String offset = "REGEXP(ts, '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(Z|[+-][0-9]{2}:[0-9]{2})$')";
        // the registry's district as of any event time: every district-bearing change is a version of the
        // enterprise's row (a temporal table function over the append-only history; a versioned view that
        // deduplicates the changes per enterprise gave the same totals)
        Table districtChanges = t.sqlQuery("SELECT enterpriseId AS eid, districtCode, rt FROM registry "
                + "WHERE type IN ('REGISTERED', 'UPDATED') AND districtCode IS NOT NULL AND " + offset);
        TemporalTableFunction districtAt = districtChanges.createTemporalTableFunction($("rt"), $("eid"));
        t.createTemporarySystemFunction("district_at", districtAt);
        t.executeSql("CREATE TEMPORARY VIEW valid_production AS SELECT eventId, enterpriseId, "
                + "CAST(outputValue AS DECIMAL(20, 2)) AS outputValue, rt, pt FROM production "
                + "WHERE eventId IS NOT NULL AND enterpriseId IS NOT NULL AND kind IN ('OUTPUT', 'ADJUSTMENT') AND "
                + offset + " AND REGEXP(outputValue, '^-?[0-9]{1,16}(\\.[0-9]{1,2})?$') "
                + "AND NOT (kind = 'OUTPUT' AND outputValue LIKE '-%')");
        t.executeSql("CREATE TEMPORARY VIEW first_production AS SELECT eventId, enterpriseId, outputValue, rt FROM ("
                + " SELECT *, ROW_NUMBER() OVER (PARTITION BY eventId ORDER BY pt ASC) AS rn FROM valid_production"
                + ") WHERE rn = 1");
        t.executeSql("INSERT INTO district_month SELECT d.districtCode, CAST(YEAR(CAST(p.rt AS TIMESTAMP(3))) AS INT), "
                + "CAST(MONTH(CAST(p.rt AS TIMESTAMP(3))) AS INT), SUM(p.outputValue), COUNT(*) "
                + "FROM first_production AS p, LATERAL TABLE (district_at(p.rt)) AS d "
                + "WHERE p.enterpriseId = d.eid "
                + "GROUP BY d.districtCode, CAST(YEAR(CAST(p.rt AS TIMESTAMP(3))) AS INT), "
                + "CAST(MONTH(CAST(p.rt AS TIMESTAMP(3))) AS INT)").await();
        return Workload.recordsIn(bootstrap);
    }
}
