-- The whole plan, part 2: daily activity of the towns and sub-districts (镇街), "dynamic monitoring".

CREATE TABLE town_activity (
    plan_id                TEXT             NOT NULL,
    town_code              TEXT             NOT NULL,
    day                    DATE             NOT NULL,
    output_value           NUMERIC(20, 2)   NOT NULL,
    electricity_kwh        NUMERIC(20, 3)   NOT NULL,
    reporting_enterprises  BIGINT           NOT NULL,
    rank                   INTEGER          NOT NULL,
    week_ago_output_value  NUMERIC(20, 2),
    change_vs_week_ago     DOUBLE PRECISION,
    updated_at             TIMESTAMPTZ      NOT NULL DEFAULT now(),
    PRIMARY KEY (plan_id, town_code, day)
);

COMMENT ON TABLE town_activity IS
    'Each town''s output value, electricity and reporting enterprises per day (plan time zone); rank among the towns reporting that day by output value; change against the same weekday a week earlier.';
