-- The bureau's rhythm: the quarterly assessment of the districts (一季一考核) and the annual review (一年一观摩),
-- on per-capita figures and targets differentiated by district.

ALTER TABLE district_progress ADD COLUMN ytd_per_capita NUMERIC(20, 2);
COMMENT ON COLUMN district_progress.ytd_per_capita IS
    'ytd_value per person of the region (the plan''s population for the year), half-up to 0.01; NULL without a '
    'population or for an indicator that is not an amount in CNY';

CREATE TABLE quarterly_assessment (
    plan_id           TEXT             NOT NULL,
    region_code       TEXT             NOT NULL,
    year              INTEGER          NOT NULL,
    quarter           INTEGER          NOT NULL CHECK (quarter BETWEEN 1 AND 4),
    indicator         TEXT             NOT NULL,
    weight            NUMERIC(10, 4)   NOT NULL,
    per_capita        BOOLEAN          NOT NULL,
    value             NUMERIC(20, 2),
    completion_ratio  DOUBLE PRECISION,
    time_progress     DOUBLE PRECISION NOT NULL,
    score             DOUBLE PRECISION,
    updated_at        TIMESTAMPTZ      NOT NULL DEFAULT now(),
    PRIMARY KEY (plan_id, region_code, year, quarter, indicator)
);

COMMENT ON TABLE quarterly_assessment IS
    'Each district''s assessment per quarter and indicator, from the quarter''s last month: score = 100 x '
    'min(completion / time progress, cap), or for a per-capita indicator 100 x min(YTD per person / the city''s, '
    'cap); value is the YTD value, or per person.';

CREATE TABLE assessment_totals (
    plan_id      TEXT             NOT NULL,
    region_code  TEXT             NOT NULL,
    year         INTEGER          NOT NULL,
    quarter      INTEGER          NOT NULL CHECK (quarter BETWEEN 1 AND 4),
    total_score  DOUBLE PRECISION,
    rank         INTEGER          NOT NULL,
    grade        TEXT,
    final        BOOLEAN          NOT NULL,
    updated_at   TIMESTAMPTZ      NOT NULL DEFAULT now(),
    PRIMARY KEY (plan_id, region_code, year, quarter)
);

COMMENT ON TABLE assessment_totals IS
    'Each district''s quarterly total: the weighted mean of its scores, rank (1 = best, ties by code), grade; final '
    'once the quarter''s last month is closed for corrections (a final row never changes).';

CREATE TABLE annual_review (
    plan_id         TEXT             NOT NULL,
    region_code     TEXT             NOT NULL,
    year            INTEGER          NOT NULL,
    indicators      JSONB            NOT NULL,
    q4_total_score  DOUBLE PRECISION,
    q4_rank         INTEGER,
    q4_grade        TEXT,
    rank_change     INTEGER,
    final           BOOLEAN          NOT NULL,
    updated_at      TIMESTAMPTZ      NOT NULL DEFAULT now(),
    PRIMARY KEY (plan_id, region_code, year)
);

COMMENT ON TABLE annual_review IS
    'Each district''s year: indicators = {INDICATOR: {completion_ratio, doubling_progress}} in December, the fourth '
    'quarter''s total, rank and grade, and rank_change = last year''s Q4 rank - this year''s (positive: up).';

CREATE VIEW v_quarterly_assessment AS
SELECT t.plan_id, t.year, t.quarter, t.rank, t.region_code, r.name, r.name_en, t.total_score, t.grade, t.final,
       t.updated_at
FROM assessment_totals t
LEFT JOIN plan_regions r ON r.plan_id = t.plan_id AND r.region_code = t.region_code;

CREATE VIEW v_annual_review AS
SELECT a.plan_id, a.year, a.q4_rank, a.region_code, r.name, r.name_en, a.q4_total_score, a.q4_grade, a.rank_change,
       a.indicators, a.final, a.updated_at
FROM annual_review a
LEFT JOIN plan_regions r ON r.plan_id = a.plan_id AND r.region_code = a.region_code;

GRANT SELECT, INSERT, UPDATE ON quarterly_assessment, assessment_totals, annual_review TO beizeng_writer;
GRANT SELECT ON quarterly_assessment, assessment_totals, annual_review, v_quarterly_assessment, v_annual_review
    TO beizeng_reader;
