-- 分析评议 of major economic and technology projects (issue 24 §2, ADR 0052, 0053). A request names the project, its owner
-- (an entity of the register, an org unit, or free text with its 统一社会信用代码), the kind of activity, the technologies and
-- the patents or search expression that scope it; the bureau works it through the stages of the transition table, each stage
-- with its checklist; the opinion (评议意见书) is printed from these rows.
CREATE TABLE appraisals (
    id                 bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    project_name       text NOT NULL,
    owner_name         text NOT NULL,
    owner_entity_id    bigint REFERENCES entities (id),
    owner_org_unit_id  bigint REFERENCES org_units (id),
    owner_credit_code  text,
    region_code        text,
    activity_kind      text NOT NULL CHECK (activity_kind IN ('investment', 'acquisition', 'talent', 'tech_import', 'tech_export', 'other')),
    reason             text NOT NULL,
    technologies       text NOT NULL,
    ipc_codes          text[] NOT NULL DEFAULT '{}',
    application_numbers text[] NOT NULL DEFAULT '{}',   -- the key patents named by the request (canonical numbers)
    search_q           text,                             -- a records search expression scoping the project's technology
    talent_name        text,                             -- 人才引进: the person (matched against the records' inventors)
    talent_employers   text[] NOT NULL DEFAULT '{}',     -- 人才引进: the person's prior employers
    amount             numeric CHECK (amount >= 0),      -- 万元
    contact_name       text,                             -- a person: masked wherever not needed
    contact_phone      text,
    contact_email      text,
    agency_id          bigint REFERENCES agencies (id),  -- the service body (服务机构), optional
    status             text NOT NULL DEFAULT 'submitted',
    stage_started_on   date NOT NULL,
    stage_due_on       date,                             -- null in the states without a time limit (returned, rejected, archived)
    handler_id         bigint REFERENCES users (id),
    handler_name       text,
    scope_text         text,                             -- 评议范围
    method_text        text,                             -- 评议方法
    opinion_text       text,                             -- 评议意见
    conclusion_text    text,                             -- 结论
    recommendations    text,                             -- 建议
    created_by         bigint,
    created_by_name    text NOT NULL DEFAULT '',
    created_at         timestamptz NOT NULL DEFAULT now(),
    updated_at         timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX appraisals_status ON appraisals (status, stage_due_on);
CREATE INDEX appraisals_owner_unit ON appraisals (owner_org_unit_id);

-- One item of a stage's checklist: its state (未查/无风险/低/中/高风险/不适用), note, the evidence collected from the platform
-- (records, events, listings as JSON) and links the handler added.
CREATE TABLE appraisal_checks (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    appraisal_id    bigint NOT NULL REFERENCES appraisals (id) ON DELETE CASCADE,
    code            text NOT NULL,
    stage           text NOT NULL,
    required        boolean NOT NULL,
    state           text NOT NULL DEFAULT 'unchecked' CHECK (state IN ('unchecked', 'none', 'low', 'medium', 'high', 'na')),
    note            text,
    evidence        jsonb NOT NULL DEFAULT '[]',
    links           text[] NOT NULL DEFAULT '{}',
    collected_at    timestamptz,
    updated_by_name text,
    updated_at      timestamptz NOT NULL DEFAULT now(),
    UNIQUE (appraisal_id, code)
);

CREATE TABLE appraisal_events (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    appraisal_id  bigint NOT NULL REFERENCES appraisals (id) ON DELETE CASCADE,
    action        text NOT NULL,
    from_state    text,
    to_state      text,
    note          text,
    actor_id      bigint,
    actor_name    text NOT NULL,
    at            timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX appraisal_events_appraisal ON appraisal_events (appraisal_id, at);

-- attachments of a request (content in stored_files)
CREATE TABLE appraisal_files (
    file_id       bigint PRIMARY KEY REFERENCES stored_files (id) ON DELETE CASCADE,
    appraisal_id  bigint NOT NULL REFERENCES appraisals (id) ON DELETE CASCADE,
    description   text,
    uploaded_by   bigint,
    uploaded_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX appraisal_files_appraisal ON appraisal_files (appraisal_id);
