-- Indicators, plans and assessment (目标考核). ADRs 0100–0103.

-- Indicator catalogue. One row per (code, version); the current version has superseded_at NULL. A definition change
-- inserts a new version and never rewrites values computed or reported under an earlier one (ADR 0101).
CREATE TABLE indicator_definitions (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    code           text NOT NULL,
    version        integer NOT NULL,
    name           text NOT NULL,
    unit           text NOT NULL,
    direction      text NOT NULL CHECK (direction IN ('higher','lower')),
    category       text NOT NULL,                 -- 创造 运用 保护 管理 服务
    source         text NOT NULL CHECK (source IN ('records','module','reported')),
    method         text,                          -- computation method for source = records
    right_types    text[] NOT NULL DEFAULT '{}',
    counting       text NOT NULL CHECK (counting IN ('first_applicant','all_applicants','not_applicable')),
    fractional     boolean NOT NULL DEFAULT false,
    domestic_only  boolean NOT NULL DEFAULT true,
    time_basis     text NOT NULL CHECK (time_basis IN ('application_date','publication_date','grant_date','stock_year_end','flow_year','reported')),
    per_capita     boolean NOT NULL DEFAULT false,
    rule_text      text NOT NULL,                 -- the counting rule in words
    owner_unit     text,                          -- the unit that reports it (source = reported / module)
    data_note      text,                          -- what the data lacks
    created_by     bigint,
    created_at     timestamptz NOT NULL DEFAULT now(),
    superseded_at  timestamptz,
    CONSTRAINT indicator_definitions_code_version UNIQUE (code, version)
);
CREATE UNIQUE INDEX indicator_definitions_current ON indicator_definitions (code) WHERE superseded_at IS NULL;

-- Values per definition version, region and year. value NULL means no value (status says why), never zero.
CREATE TABLE indicator_values (
    id                 bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    definition_id      bigint NOT NULL REFERENCES indicator_definitions(id),
    region_code        text NOT NULL,
    year               integer NOT NULL,
    value              numeric,
    status             text NOT NULL CHECK (status IN ('computed','partial','not_computable','reported','accepted','returned')),
    numerator          numeric,                   -- per-capita: the count divided by the population
    population         bigint,
    population_year    integer,
    population_basis   text,
    population_source  text,
    components         jsonb,                     -- high-value components: [{key, name, status, value, reason}]
    note               text,
    data_as_of         timestamptz,               -- records: the newest import (or record change) the value saw
    computed_at        timestamptz NOT NULL DEFAULT now(),
    reported_by        bigint,                    -- user
    reported_unit_id   bigint REFERENCES org_units(id),
    reviewed_by        bigint,
    reviewed_at        timestamptz,
    review_comment     text,
    CONSTRAINT indicator_values_key UNIQUE (definition_id, region_code, year)
);
CREATE INDEX indicator_values_region ON indicator_values (region_code, year);

CREATE TABLE indicator_computations (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    job_id        bigint,
    started_at    timestamptz NOT NULL DEFAULT now(),
    finished_at   timestamptz,
    records_as_of timestamptz,
    values_written integer NOT NULL DEFAULT 0,
    duration_ms   bigint
);

-- Plans (ADR 0102).
CREATE TABLE plans (
    id                 bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    seed               text UNIQUE,
    title              text NOT NULL,
    issuer             text,
    jurisdiction_name  text,
    region_code        text,
    period_start       date,
    period_end         date,
    assessment_text    text,
    created_at         timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE plan_phases (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    plan_id      bigint NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
    seq          integer NOT NULL,
    name         text NOT NULL,
    start_date   date,
    end_date     date,
    description  text
);

CREATE TABLE plan_units (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    plan_id      bigint NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
    name         text NOT NULL,                   -- as written in the plan
    kind         text NOT NULL,
    region_code  text,
    collective   boolean NOT NULL DEFAULT false,  -- 各县区政府, 功能板块管委会 …: every district of the jurisdiction
    org_unit_id  bigint REFERENCES org_units(id),
    CONSTRAINT plan_units_name UNIQUE (plan_id, name)
);

CREATE TABLE plan_goals (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    plan_id         bigint NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
    seq             integer NOT NULL,
    indicator_code  text NOT NULL,
    name            text NOT NULL,
    unit            text NOT NULL,
    baseline        numeric,
    baseline_year   integer,
    direction       text NOT NULL DEFAULT 'higher',
    source_text     text
);

CREATE TABLE plan_goal_targets (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    goal_id      bigint NOT NULL REFERENCES plan_goals(id) ON DELETE CASCADE,
    year         integer,
    region_code  text,
    value        numeric NOT NULL
);

CREATE TABLE plan_tasks (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    plan_id      bigint NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
    seq          integer NOT NULL,
    no           text NOT NULL,
    category     text,
    section      text,
    title        text NOT NULL,
    description  text,
    deadline     date,
    milestones   jsonb NOT NULL DEFAULT '[]',
    status       text NOT NULL DEFAULT 'not_started' CHECK (status IN ('not_started','in_progress','completed')),
    progress     integer NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 100),
    updated_at   timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE plan_task_units (
    task_id  bigint NOT NULL REFERENCES plan_tasks(id) ON DELETE CASCADE,
    unit_id  bigint NOT NULL REFERENCES plan_units(id) ON DELETE CASCADE,
    role     text NOT NULL CHECK (role IN ('lead','cooperating')),
    PRIMARY KEY (task_id, unit_id)
);

CREATE TABLE progress_reports (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    task_id          bigint NOT NULL REFERENCES plan_tasks(id) ON DELETE CASCADE,
    org_unit_id      bigint NOT NULL REFERENCES org_units(id),
    author_id        bigint NOT NULL,
    period           text NOT NULL,               -- 2024-Q3, 2025-06 …
    content          text NOT NULL,
    percent          integer NOT NULL CHECK (percent BETWEEN 0 AND 100),
    attachment_ids   bigint[] NOT NULL DEFAULT '{}',
    indicator_values jsonb NOT NULL DEFAULT '[]',  -- [{code, regionCode, year, value}]
    status           text NOT NULL DEFAULT 'submitted' CHECK (status IN ('submitted','accepted','returned')),
    review_comment   text,
    reviewed_by      bigint,
    reviewed_at      timestamptz,
    submitted_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX progress_reports_task ON progress_reports (task_id);

CREATE TABLE supervision_notices (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    plan_id     bigint REFERENCES plans(id) ON DELETE CASCADE,
    title       text NOT NULL,
    body        text NOT NULL,
    kind        text NOT NULL DEFAULT 'notice' CHECK (kind IN ('notice','praise','criticism')),
    issued_by   bigint,
    issued_at   timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE supervision_notice_targets (
    notice_id    bigint NOT NULL REFERENCES supervision_notices(id) ON DELETE CASCADE,
    org_unit_id  bigint NOT NULL REFERENCES org_units(id),
    read_at      timestamptz,
    PRIMARY KEY (notice_id, org_unit_id)
);

-- Assessment (考核), ADR 0103.
CREATE TABLE assessment_schemes (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    plan_id       bigint NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
    year          integer NOT NULL,
    target_kind   text NOT NULL DEFAULT 'district' CHECK (target_kind IN ('district','department')),
    status        text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft','published')),
    published_at  timestamptz,
    published_by  bigint,
    created_at    timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT assessment_schemes_key UNIQUE (plan_id, year, target_kind)
);

CREATE TABLE assessment_items (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    scheme_id     bigint NOT NULL REFERENCES assessment_schemes(id) ON DELETE CASCADE,
    seq           integer NOT NULL,
    name          text NOT NULL,
    kind          text NOT NULL CHECK (kind IN ('indicator','tasks','bonus','penalty','manual')),
    weight        numeric NOT NULL CHECK (weight >= 0),
    indicator_code text,
    rule          text NOT NULL
);

CREATE TABLE assessment_scores (
    item_id      bigint NOT NULL REFERENCES assessment_items(id) ON DELETE CASCADE,
    org_unit_id  bigint NOT NULL REFERENCES org_units(id),
    score        numeric,
    automatic    boolean NOT NULL,
    reason       text NOT NULL,
    scored_by    bigint,
    scored_at    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (item_id, org_unit_id)
);
