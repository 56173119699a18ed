-- beizeng core result tables (issue: the core pipeline). Amounts in CNY yuan with 2 decimals; ratios as doubles.

CREATE TABLE district_progress (
    plan_id            TEXT             NOT NULL,
    region_code        TEXT             NOT NULL,
    region_level       TEXT             NOT NULL CHECK (region_level IN ('CITY', 'DISTRICT')),
    indicator          TEXT             NOT NULL,
    year               INTEGER          NOT NULL,
    month              INTEGER          NOT NULL CHECK (month BETWEEN 1 AND 12),
    month_value        NUMERIC(20, 2)   NOT NULL,
    ytd_value          NUMERIC(20, 2)   NOT NULL,
    prior_ytd_value    NUMERIC(20, 2),
    yoy_growth         DOUBLE PRECISION,
    rolling12_value    NUMERIC(20, 2)   NOT NULL,
    baseline_value     NUMERIC(20, 2)   NOT NULL,
    target_value       NUMERIC(20, 2)   NOT NULL,
    annual_target      NUMERIC(20, 2)   NOT NULL,
    time_progress      DOUBLE PRECISION NOT NULL,
    completion_ratio   DOUBLE PRECISION NOT NULL,
    doubling_progress  DOUBLE PRECISION,
    status             TEXT             NOT NULL CHECK (status IN ('AHEAD', 'ON_TRACK', 'BEHIND')),
    rank               INTEGER,
    updated_at         TIMESTAMPTZ      NOT NULL DEFAULT now(),
    PRIMARY KEY (plan_id, region_code, indicator, year, month)
);

COMMENT ON TABLE district_progress IS
    'Progress of every district and the city on every plan indicator, per calendar month (plan time zone).';
COMMENT ON COLUMN district_progress.prior_ytd_value IS
    'ytd_value of the same month a year earlier; NULL when the city has no accepted production event in that year';
COMMENT ON COLUMN district_progress.rank IS
    'Rank among the districts by completion_ratio (desc), ties by region_code; NULL for the city';

CREATE TABLE ingest_audit (
    source      TEXT        PRIMARY KEY,
    received    BIGINT      NOT NULL,
    accepted    BIGINT      NOT NULL,
    duplicates  BIGINT      NOT NULL,
    rejected    BIGINT      NOT NULL,
    updated_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT ingest_audit_reconciles CHECK (received = accepted + duplicates + rejected)
);

COMMENT ON TABLE ingest_audit IS
    'Per input stream: records whose outcome is decided; received = accepted + duplicates + rejected.';

CREATE TABLE rejected_events (
    source             TEXT        NOT NULL,
    position           TEXT        NOT NULL,
    reason             TEXT        NOT NULL,
    detail             TEXT        NOT NULL,
    event_id           TEXT,
    payload            TEXT,
    payload_bytes      INTEGER     NOT NULL,
    payload_truncated  BOOLEAN     NOT NULL,
    rejected_at        TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (source, position)
);

COMMENT ON TABLE rejected_events IS
    'Every rejected record with its reason. position is partition:offset (Kafka) or file:line (replay).';
COMMENT ON COLUMN rejected_events.payload IS
    'The record as received, decoded as UTF-8 with invalid bytes and NUL replaced by U+FFFD, capped at 65536 bytes';
COMMENT ON COLUMN rejected_events.payload_bytes IS 'Size of the record as received, in bytes';

CREATE INDEX rejected_events_reason ON rejected_events (source, reason);
