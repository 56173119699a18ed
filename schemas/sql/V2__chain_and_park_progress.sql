-- The whole plan, part 1: industry chains against their cluster targets, industrial parks against their doubling
-- targets. Same conventions as district_progress.

CREATE TABLE chain_progress (
    plan_id          TEXT             NOT NULL,
    chain            TEXT             NOT NULL,
    year             INTEGER          NOT NULL,
    month            INTEGER          NOT NULL CHECK (month BETWEEN 1 AND 12),
    month_value      NUMERIC(20, 2)   NOT NULL,
    ytd_value        NUMERIC(20, 2)   NOT NULL,
    prior_ytd_value  NUMERIC(20, 2),
    yoy_growth       DOUBLE PRECISION,
    rolling12_value  NUMERIC(20, 2)   NOT NULL,
    cluster_target   NUMERIC(20, 2),
    progress         DOUBLE PRECISION,
    updated_at       TIMESTAMPTZ      NOT NULL DEFAULT now(),
    PRIMARY KEY (plan_id, chain, year, month)
);

COMMENT ON TABLE chain_progress IS
    'Output value of each industry chain city-wide per month; progress = rolling12_value / cluster_target.';

CREATE TABLE park_progress (
    plan_id            TEXT             NOT NULL,
    park_id            TEXT             NOT NULL,
    park_name          TEXT             NOT NULL,
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
    rank               INTEGER          NOT NULL,
    updated_at         TIMESTAMPTZ      NOT NULL DEFAULT now(),
    PRIMARY KEY (plan_id, park_id, year, month)
);

COMMENT ON TABLE park_progress IS
    'Output value of each industrial park of the plan (enterprises with its parkId at event time), against its doubling target; rank among the parks.';
