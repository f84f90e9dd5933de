-- Plans tell the truth (issue 20, ADR 0113):
-- a task belongs to a phase of the plan's 实施步骤 (its deadline, when it has none of its own, is the end of that phase,
-- failing that the plan's end); a goal is measured either by the latest value (a stock: 有效注册商标量达13.5万件) or by the
-- sum of the yearly values over the plan's period (an increase or a running total: 新增发明专利授权5000件, 质押融资累计60亿元);
-- a value taken from an official publication keeps its source, date and the period it covers (e.g. 1–9月).
ALTER TABLE plan_tasks ADD COLUMN phase_id bigint REFERENCES plan_phases(id);
ALTER TABLE plan_goals ADD COLUMN measure text NOT NULL DEFAULT 'latest' CHECK (measure IN ('latest', 'period_sum'));
ALTER TABLE indicator_values
    ADD COLUMN source_title text,
    ADD COLUMN source_url   text,
    ADD COLUMN source_date  date,
    ADD COLUMN period_note  text;
