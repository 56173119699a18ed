-- Chains and parks track any production flow the plan names for them (chainIndicators, parks[].indicators), not
-- only the output value: the indicator joins their keys. Existing rows are output value.

ALTER TABLE chain_progress ADD COLUMN indicator TEXT NOT NULL DEFAULT 'OUTPUT_VALUE';
ALTER TABLE chain_progress ALTER COLUMN indicator DROP DEFAULT;
ALTER TABLE chain_progress DROP CONSTRAINT chain_progress_pkey;
ALTER TABLE chain_progress ADD PRIMARY KEY (plan_id, chain, indicator, year, month);
COMMENT ON TABLE chain_progress IS
    'Each industry chain city-wide per month and indicator (the plan''s chainIndicators); on rows of the plan''s '
    'clusterIndicator, progress = rolling12_value / cluster_target.';

ALTER TABLE park_progress ADD COLUMN indicator TEXT NOT NULL DEFAULT 'OUTPUT_VALUE';
ALTER TABLE park_progress ALTER COLUMN indicator DROP DEFAULT;
ALTER TABLE park_progress DROP CONSTRAINT park_progress_pkey;
ALTER TABLE park_progress ADD PRIMARY KEY (plan_id, park_id, indicator, year, month);
COMMENT ON TABLE park_progress IS
    'Each industrial park of the plan (enterprises with its parkId at event time) per month and indicator it has a '
    'target for, against its doubling target; rank among the parks with a target for that indicator.';
