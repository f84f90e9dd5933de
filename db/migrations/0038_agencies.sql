-- 服务与人才 · 服务机构 (issue 21 part 2, ADR 0024): the register of IP service agencies, the changes an agency asks for
-- (applied by the bureau), annual reports, the facts the yearly grade is computed from, the versioned rule table, the
-- grades with their line-by-line breakdown and the objections filed against them.
CREATE TABLE agencies (
    id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    org_unit_id       bigint UNIQUE REFERENCES org_units(id),          -- the agency's own account unit (role agency)
    name              text NOT NULL,
    credit_code       text,                                            -- 统一社会信用代码, normalised (GB 32100 checked)
    licence_number    text,                                            -- 执业许可证号 / 备案号
    kinds             text[] NOT NULL DEFAULT '{}',                    -- agency, operation, valuation, legal, information, training
    staff_count       integer CHECK (staff_count >= 0),
    agent_count       integer CHECK (agent_count >= 0),                -- 专利代理师
    region_code       text,
    services          text NOT NULL DEFAULT '',
    address           text,                                            -- business address (public)
    business_phone    text,                                            -- business contacts (public directory)
    business_email    text,
    website           text,
    contact_name      text,                                            -- a person: masked wherever not needed
    contact_phone     text,
    contact_email     text,
    status            text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'cancelled')),
    registered_on     date,
    cancelled_on      date,
    is_example        boolean NOT NULL DEFAULT false,                  -- demo rows, marked 示例
    note              text,
    created_at        timestamptz NOT NULL DEFAULT now(),
    updated_at        timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX agencies_credit_code_unique ON agencies (credit_code) WHERE credit_code IS NOT NULL;
CREATE UNIQUE INDEX agencies_name_unique ON agencies (name);

-- 年度报告: one per agency and year; late when submitted after the due date (30 June of the following year by default)
CREATE TABLE agency_annual_reports (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    agency_id     bigint NOT NULL REFERENCES agencies(id) ON DELETE CASCADE,
    year          integer NOT NULL CHECK (year BETWEEN 1990 AND 2100),
    submitted_on  date NOT NULL,
    due_on        date NOT NULL,
    note          text,
    recorded_by   bigint,
    created_at    timestamptz NOT NULL DEFAULT now(),
    UNIQUE (agency_id, year)
);

-- an agency's own changes to its record: pending until the bureau approves (applied) or refuses (with a reason)
CREATE TABLE agency_changes (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    agency_id     bigint NOT NULL REFERENCES agencies(id) ON DELETE CASCADE,
    changes       jsonb NOT NULL,                                      -- field → requested value
    before        jsonb NOT NULL,                                      -- the same fields as they were when asked
    status        text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'refused')),
    requested_by  bigint,
    requested_at  timestamptz NOT NULL DEFAULT now(),
    reason        text,                                                -- the bureau's reason (required when refused)
    decided_by    bigint,
    decided_at    timestamptz
);
CREATE INDEX agency_changes_agency ON agency_changes (agency_id, status);

-- facts the grade counts besides credit listings (read from protection), inspections and annual reports
CREATE TABLE agency_events (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    agency_id    bigint NOT NULL REFERENCES agencies(id) ON DELETE CASCADE,
    kind         text NOT NULL CHECK (kind IN ('credit_listing', 'complaint_upheld', 'award')),
    occurred_on  date NOT NULL,
    title        text NOT NULL,
    reference    text,
    created_by   bigint,
    created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX agency_events_agency ON agency_events (agency_id, occurred_on);

-- 分级分类评价 rule table: versioned; a grade keeps the version it was computed under
CREATE TABLE agency_grading_rules (
    version          integer PRIMARY KEY,
    base_score       numeric NOT NULL,
    items            jsonb NOT NULL,                                   -- [{code, label, points, cap}]
    thresholds       jsonb NOT NULL,                                   -- [{grade, min}] highest first
    objection_days   integer NOT NULL CHECK (objection_days BETWEEN 1 AND 90),
    note             text,
    created_by       bigint,
    created_at       timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE agency_gradings (
    id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    agency_id         bigint NOT NULL REFERENCES agencies(id) ON DELETE CASCADE,
    year              integer NOT NULL CHECK (year BETWEEN 1990 AND 2100),
    rule_version      integer NOT NULL REFERENCES agency_grading_rules(version),
    score             numeric NOT NULL,
    grade             text NOT NULL CHECK (grade IN ('A+', 'A', 'B', 'C', 'D')),
    breakdown         jsonb NOT NULL,                                  -- [{code, label, points, detail, date}]
    status            text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'published', 'superseded')),
    computed_by       bigint,
    computed_at       timestamptz NOT NULL DEFAULT now(),
    published_at      timestamptz,
    objection_until   date,
    superseded_by_id  bigint REFERENCES agency_gradings(id),
    supersede_reason  text
);
CREATE INDEX agency_gradings_agency ON agency_gradings (agency_id, year);
CREATE UNIQUE INDEX agency_gradings_one_current ON agency_gradings (agency_id, year) WHERE status <> 'superseded';

CREATE TABLE agency_grading_objections (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    grading_id   bigint NOT NULL REFERENCES agency_gradings(id) ON DELETE CASCADE,
    reason       text NOT NULL,
    filed_by     bigint,
    filed_at     timestamptz NOT NULL DEFAULT now(),
    status       text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'upheld', 'rejected')),
    decision     text,
    decided_by   bigint,
    decided_at   timestamptz,
    regrade_id   bigint REFERENCES agency_gradings(id)
);
CREATE UNIQUE INDEX agency_grading_objections_one_pending ON agency_grading_objections (grading_id) WHERE status = 'pending';
