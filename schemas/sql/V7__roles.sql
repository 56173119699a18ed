-- Least privilege (issue: reliability and security). Two group roles; deployments grant them to login users:
--   beizeng_writer: the job. Reads and writes rows of the result tables; cannot drop, alter or create anything.
--   beizeng_reader: dashboards and analysts. Reads tables and views; cannot write.
-- The migrations themselves run as the schema owner.
DO $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'beizeng_writer') THEN
        CREATE ROLE beizeng_writer NOLOGIN;
    END IF;
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'beizeng_reader') THEN
        CREATE ROLE beizeng_reader NOLOGIN;
    END IF;
END
$$;

GRANT USAGE ON SCHEMA public TO beizeng_writer, beizeng_reader;
REVOKE CREATE ON SCHEMA public FROM PUBLIC;

GRANT SELECT, INSERT, UPDATE ON district_progress, chain_progress, park_progress, town_activity, leading_enterprises,
    progress_alerts, ingest_audit, rejected_events, plan_regions TO beizeng_writer;

GRANT SELECT ON ALL TABLES IN SCHEMA public TO beizeng_reader;
REVOKE SELECT ON flyway_schema_history FROM beizeng_reader;
