-- The whole plan, part 4: alerts on final monthly figures.

CREATE TABLE progress_alerts (
    plan_id           TEXT             NOT NULL,
    alert_id          TEXT             NOT NULL,
    region_code       TEXT             NOT NULL,
    region_level      TEXT             NOT NULL,
    indicator         TEXT             NOT NULL,
    year              INTEGER          NOT NULL,
    month             INTEGER          NOT NULL CHECK (month BETWEEN 1 AND 12),
    kind              TEXT             NOT NULL CHECK (kind IN ('STATUS_CHANGED', 'LAST_THREE_MONTHS')),
    previous_status   TEXT,
    status            TEXT             NOT NULL,
    rank              INTEGER,
    completion_ratio  DOUBLE PRECISION,
    time_progress     DOUBLE PRECISION NOT NULL,
    ytd_value         NUMERIC(20, 2)   NOT NULL,
    annual_target     NUMERIC(20, 2)   NOT NULL,
    raised_at         TIMESTAMPTZ      NOT NULL DEFAULT now(),
    PRIMARY KEY (plan_id, alert_id)
);

COMMENT ON TABLE progress_alerts IS
    'One row per status change of a region and indicator between consecutive final months, and per district ranked last for the third month running; raised when the month closes for corrections.';
