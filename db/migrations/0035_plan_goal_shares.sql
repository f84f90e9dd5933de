-- 目标分解 (ADR 0113): a plan goal's yearly target shared out among the districts that answer for part of it. The city's
-- own target stays in plan_goal_targets; a district's home shows its actual against its share. Set by the bureau.
CREATE TABLE plan_goal_shares (
    goal_id      bigint NOT NULL REFERENCES plan_goals(id) ON DELETE CASCADE,
    org_unit_id  bigint NOT NULL REFERENCES org_units(id),
    year         integer NOT NULL CHECK (year BETWEEN 1990 AND 2100),
    value        numeric NOT NULL CHECK (value >= 0),
    set_by       bigint,
    set_at       timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (goal_id, org_unit_id, year)
);
CREATE INDEX plan_goal_shares_unit ON plan_goal_shares (org_unit_id);
