-- Query the tables: the plan's region names (written by the job at start) and views for the questions a bureau
-- asks every month.

CREATE TABLE plan_regions (
    plan_id       TEXT NOT NULL,
    region_code   TEXT NOT NULL,
    region_level  TEXT NOT NULL CHECK (region_level IN ('CITY', 'DISTRICT')),
    name          TEXT NOT NULL,
    name_en       TEXT,
    PRIMARY KEY (plan_id, region_code)
);

COMMENT ON TABLE plan_regions IS 'Regions of each plan with their names, from the plan file (written at start).';

-- Every row of district_progress with the region's names.
CREATE VIEW v_district_progress AS
SELECT p.plan_id, p.indicator, p.year, p.month, p.region_code, p.region_level, r.name, r.name_en,
       p.month_value, p.ytd_value, p.prior_ytd_value, p.yoy_growth, p.rolling12_value, p.baseline_value,
       p.target_value, p.annual_target, p.time_progress, p.completion_ratio, p.doubling_progress, p.status, p.rank,
       p.updated_at
FROM district_progress p
LEFT JOIN plan_regions r ON r.plan_id = p.plan_id AND r.region_code = p.region_code;

-- The latest month of each plan and indicator, every region.
CREATE VIEW v_latest_district_progress AS
SELECT v.*
FROM v_district_progress v
JOIN (SELECT plan_id, indicator, max(year * 12 + month - 1) AS latest
      FROM district_progress GROUP BY plan_id, indicator) l
  ON l.plan_id = v.plan_id AND l.indicator = v.indicator AND v.year * 12 + v.month - 1 = l.latest;

-- The monthly bulletin: pick a month with WHERE year = … AND month = …; districts ranked, then the city.
CREATE VIEW v_monthly_bulletin AS
SELECT plan_id, indicator, year, month, rank, region_code, region_level, name, name_en,
       round(ytd_value / 100000000, 2) AS ytd_yi_yuan,
       ytd_value, yoy_growth, completion_ratio, time_progress, status
FROM v_district_progress;

-- How each district's rank moved, month by month.
CREATE VIEW v_rank_history AS
SELECT plan_id, indicator, region_code, name, name_en, year, month, rank, completion_ratio, status
FROM v_district_progress
WHERE region_level = 'DISTRICT';

-- Districts behind plan in the latest month.
CREATE VIEW v_districts_behind AS
SELECT plan_id, indicator, year, month, region_code, name, name_en, ytd_value, annual_target, completion_ratio,
       time_progress, yoy_growth, rank
FROM v_latest_district_progress
WHERE status = 'BEHIND' AND region_level = 'DISTRICT';
