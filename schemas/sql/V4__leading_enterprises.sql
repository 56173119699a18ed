-- The whole plan, part 3: leading enterprises (trailing 12-month revenue over the plan's tiers).

-- Counts of leading enterprises may have a district target of zero: no completion ratio then.
ALTER TABLE district_progress ALTER COLUMN completion_ratio DROP NOT NULL;

CREATE TABLE leading_enterprises (
    plan_id              TEXT           NOT NULL,
    enterprise_id        TEXT           NOT NULL,
    year                 INTEGER        NOT NULL,
    month                INTEGER        NOT NULL CHECK (month BETWEEN 1 AND 12),
    district_code        TEXT           NOT NULL,
    trailing12_revenue   NUMERIC(20, 2) NOT NULL,
    tier                 TEXT           NOT NULL CHECK (tier IN ('REVENUE_OVER_10B', 'REVENUE_OVER_5B', 'NONE')),
    updated_at           TIMESTAMPTZ    NOT NULL DEFAULT now(),
    PRIMARY KEY (plan_id, enterprise_id, year, month)
);

COMMENT ON TABLE leading_enterprises IS
    'Enterprises whose revenue over the 12 months ending with this month reaches a tier (as of month); tier NONE marks one that an earlier, since corrected, result had listed.';
