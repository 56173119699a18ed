-- Key projects on the screen (亮屏): each project's milestones, investment and light, now and at each month's end.

CREATE TABLE project_progress (
    plan_id         TEXT             NOT NULL,
    project_id      TEXT             NOT NULL,
    district_code   TEXT             NOT NULL,
    chain           TEXT,
    signed_amount   NUMERIC(20, 2),
    major           BOOLEAN          NOT NULL,
    signed_at       TIMESTAMPTZ,
    started_at      TIMESTAMPTZ,
    completed_at    TIMESTAMPTZ,
    invested        NUMERIC(20, 2)   NOT NULL,
    invested_share  DOUBLE PRECISION,
    stage           TEXT CHECK (stage IN ('SIGNED', 'STARTED', 'COMPLETED')),
    light           TEXT             NOT NULL CHECK (light IN ('GREEN', 'YELLOW', 'RED')),
    light_reason    TEXT             NOT NULL,
    as_of           DATE             NOT NULL,
    updated_at      TIMESTAMPTZ      NOT NULL DEFAULT now(),
    PRIMARY KEY (plan_id, project_id)
);

COMMENT ON TABLE project_progress IS
    'Each key project as of as_of, the day (plan zone) of the latest investment event read: its first SIGNED, '
    'STARTED and COMPLETED events, invested = sum of its INVESTMENT_REPORTED amounts, invested_share = invested / '
    'signed_amount, and its light (projectRules of the plan). A project with events and no signing has NULL '
    'signed_amount and signed_at and is RED with light_reason NOT_SIGNED.';

CREATE TABLE project_months (
    plan_id           TEXT             NOT NULL,
    project_id        TEXT             NOT NULL,
    year              INTEGER          NOT NULL,
    month             INTEGER          NOT NULL CHECK (month BETWEEN 1 AND 12),
    district_code     TEXT             NOT NULL,
    stage             TEXT CHECK (stage IN ('SIGNED', 'STARTED', 'COMPLETED')),
    invested_to_date  NUMERIC(20, 2)   NOT NULL,
    invested_share    DOUBLE PRECISION,
    light             TEXT             NOT NULL CHECK (light IN ('GREEN', 'YELLOW', 'RED')),
    light_reason      TEXT             NOT NULL,
    judged_on         DATE             NOT NULL,
    updated_at        TIMESTAMPTZ      NOT NULL DEFAULT now(),
    PRIMARY KEY (plan_id, project_id, year, month)
);

COMMENT ON TABLE project_months IS
    'Each key project at the end of each month from its first event on (the running month as of the latest '
    'investment event read): stage, investment to date and light judged on judged_on. What the monthly and '
    'quarterly project bulletins read.';

-- Major projects with their districts' names, RED first, then YELLOW, then GREEN.
CREATE VIEW v_key_projects AS
SELECT p.plan_id, p.project_id, p.district_code, r.name AS district_name, r.name_en AS district_name_en, p.chain,
       p.signed_amount, p.signed_at, p.started_at, p.completed_at, p.invested, p.invested_share, p.stage, p.light,
       p.light_reason, p.as_of,
       CASE p.light WHEN 'RED' THEN 0 WHEN 'YELLOW' THEN 1 ELSE 2 END AS light_order
FROM project_progress p
LEFT JOIN plan_regions r ON r.plan_id = p.plan_id AND r.region_code = p.district_code
WHERE p.major;

-- Per district and year: the major projects signed (the MAJOR_PROJECTS indicator's year-to-date count in the
-- year's latest month) against the plan's required number, and whether the district has landed them.
CREATE VIEW v_major_projects_landed AS
SELECT d.plan_id, d.region_code, r.name, r.name_en, d.year, d.month AS as_of_month,
       d.ytd_value::INTEGER AS signed_major_projects, d.annual_target::INTEGER AS required,
       d.ytd_value >= d.annual_target AS landed
FROM district_progress d
JOIN (SELECT plan_id, region_code, year, max(month) AS month
      FROM district_progress WHERE indicator = 'MAJOR_PROJECTS' GROUP BY plan_id, region_code, year) l
  ON l.plan_id = d.plan_id AND l.region_code = d.region_code AND l.year = d.year AND l.month = d.month
LEFT JOIN plan_regions r ON r.plan_id = d.plan_id AND r.region_code = d.region_code
WHERE d.indicator = 'MAJOR_PROJECTS' AND d.region_level = 'DISTRICT';

GRANT SELECT, INSERT, UPDATE ON project_progress, project_months TO beizeng_writer;
GRANT SELECT ON project_progress, project_months, v_key_projects, v_major_projects_landed TO beizeng_reader;
