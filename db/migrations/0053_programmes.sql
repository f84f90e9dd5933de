-- Programmes (申报评审, issue 23, ADR 0040): one engine for every call → apply → review → publicise → decide → pay programme.
-- A programme type is configured by its definition (form, eligibility rules, scoring sheet, stages, quotas, amounts,
-- validity), seeded from Features/Programmes/Seeds/programme-types.json; a call (批次) opens it for a year with its windows;
-- applications move through one state machine (ApplicationStates) whose steps are programme_application_events.
CREATE TABLE programme_types (
    id            bigserial PRIMARY KEY,
    code          text NOT NULL UNIQUE,
    name          text NOT NULL,
    category      text NOT NULL CHECK (category IN ('recognition', 'subsidy', 'award', 'training', 'project', 'grading')),
    applicant     text NOT NULL CHECK (applicant IN ('enterprise', 'unit', 'agency', 'person')),
    definition    jsonb NOT NULL,
    sources       text[] NOT NULL DEFAULT '{}',
    is_active     boolean NOT NULL DEFAULT true,
    version       int NOT NULL DEFAULT 1,
    updated_at    timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE programme_calls (
    id                bigserial PRIMARY KEY,
    type_id           bigint NOT NULL REFERENCES programme_types (id),
    year              int NOT NULL,
    title             text NOT NULL,
    status            text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'open', 'closed', 'cancelled')),
    region_code       text NOT NULL,
    announcement      text,
    budget            numeric(16, 2) CHECK (budget >= 0),
    quotas            jsonb NOT NULL DEFAULT '{}',
    apply_from        date NOT NULL,
    apply_to          date NOT NULL CHECK (apply_to >= apply_from),
    check_to          date,
    review_from       date,
    review_to         date,
    publicity_from    date,
    publicity_to      date,
    decide_by         date,
    published_at      timestamptz,
    is_example        boolean NOT NULL DEFAULT false,
    created_by        bigint REFERENCES users (id),
    created_at        timestamptz NOT NULL DEFAULT now(),
    updated_at        timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX programme_calls_type ON programme_calls (type_id, year);

CREATE TABLE programme_applications (
    id                  bigserial PRIMARY KEY,
    call_id             bigint NOT NULL REFERENCES programme_calls (id),
    entity_id           bigint REFERENCES entities (id),
    org_unit_id         bigint REFERENCES org_units (id),
    applicant_name      text NOT NULL,
    credit_code         text,
    region_code         text,
    status              text NOT NULL DEFAULT 'draft',
    form                jsonb NOT NULL DEFAULT '{}',
    declarations        text[] NOT NULL DEFAULT '{}',
    eligibility         jsonb,
    amount_requested    numeric(16, 2) CHECK (amount_requested >= 0),
    submitted_at        timestamptz,
    correction_request  text,
    correction_due      date,
    recommendation      text CHECK (recommendation IN ('recommended', 'not_recommended')),
    recommendation_note text,
    recommended_by      bigint REFERENCES users (id),
    recommended_at      timestamptz,
    score               numeric(8, 2),
    score_adjusted      numeric(8, 2),
    adjust_reason       text,
    dispersion_flag     boolean NOT NULL DEFAULT false,
    rank                int,
    level               text,
    amount_granted      numeric(16, 2) CHECK (amount_granted >= 0),
    decided_at          timestamptz,
    decision_note       text,
    valid_from          date,
    valid_to            date,
    created_by          bigint REFERENCES users (id),
    created_at          timestamptz NOT NULL DEFAULT now(),
    updated_at          timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX programme_applications_call ON programme_applications (call_id, status);
CREATE INDEX programme_applications_entity ON programme_applications (entity_id);
CREATE INDEX programme_applications_unit ON programme_applications (org_unit_id);

CREATE TABLE programme_application_events (
    id             bigserial PRIMARY KEY,
    application_id bigint NOT NULL REFERENCES programme_applications (id) ON DELETE CASCADE,
    action         text NOT NULL,
    from_state     text,
    to_state       text,
    note           text,
    actor_id       bigint,
    actor_name     text NOT NULL,
    at             timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX programme_application_events_app ON programme_application_events (application_id, at);

-- Attachments of an application: the file itself in stored_files, its kind from the programme's definition.
CREATE TABLE programme_application_files (
    file_id        bigint PRIMARY KEY REFERENCES stored_files (id) ON DELETE CASCADE,
    application_id bigint NOT NULL REFERENCES programme_applications (id) ON DELETE CASCADE,
    kind           text NOT NULL,
    uploaded_by    bigint,
    created_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX programme_application_files_app ON programme_application_files (application_id);

-- Expert panels (ADR 0041): a draw per call with its seed, algorithm, inputs and result; superseded draws are kept.
CREATE TABLE programme_draws (
    id             bigserial PRIMARY KEY,
    call_id        bigint NOT NULL REFERENCES programme_calls (id),
    status         text NOT NULL DEFAULT 'drawn' CHECK (status IN ('drawn', 'superseded')),
    criteria       jsonb NOT NULL,
    panel_size     int NOT NULL CHECK (panel_size >= 1),
    reserves       int NOT NULL DEFAULT 0 CHECK (reserves >= 0),
    algorithm      text NOT NULL,
    seed           text NOT NULL,
    inputs         jsonb NOT NULL,
    result         jsonb NOT NULL,
    reason         text,
    superseded_by  bigint REFERENCES programme_draws (id),
    published_at   timestamptz,
    drawn_by       bigint REFERENCES users (id),
    drawn_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX programme_draws_call ON programme_draws (call_id);

CREATE TABLE programme_panel_members (
    id           bigserial PRIMARY KEY,
    draw_id      bigint NOT NULL REFERENCES programme_draws (id) ON DELETE CASCADE,
    expert_id    bigint NOT NULL REFERENCES experts (id),
    position     int NOT NULL,
    role         text NOT NULL CHECK (role IN ('member', 'reserve')),
    status       text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'waiting', 'declined', 'conflict', 'replaced')),
    replaces     bigint REFERENCES programme_panel_members (id),
    note         text,
    updated_at   timestamptz NOT NULL DEFAULT now(),
    UNIQUE (draw_id, expert_id)
);

-- The draw's log: draw, redraw, decline, conflict, replacement (递补) — never silent.
CREATE TABLE programme_draw_events (
    id          bigserial PRIMARY KEY,
    draw_id     bigint NOT NULL REFERENCES programme_draws (id) ON DELETE CASCADE,
    action      text NOT NULL,
    from_state  text,
    to_state    text,
    note        text,
    actor_id    bigint,
    actor_name  text NOT NULL,
    at          timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX programme_draw_events_draw ON programme_draw_events (draw_id, at);

CREATE TABLE programme_scores (
    id              bigserial PRIMARY KEY,
    application_id  bigint NOT NULL REFERENCES programme_applications (id) ON DELETE CASCADE,
    member_id       bigint NOT NULL REFERENCES programme_panel_members (id),
    scores          jsonb NOT NULL DEFAULT '{}',
    total           numeric(8, 2),
    comment         text,
    submitted_at    timestamptz,
    updated_at      timestamptz NOT NULL DEFAULT now(),
    UNIQUE (application_id, member_id)
);

-- 公示 and 异议: anyone may object to a publicised list with contact details; the bureau answers before deciding.
CREATE TABLE programme_objections (
    id             bigserial PRIMARY KEY,
    call_id        bigint NOT NULL REFERENCES programme_calls (id),
    application_id bigint REFERENCES programme_applications (id),
    name           text NOT NULL,
    phone          text,
    email          text,
    content        text NOT NULL,
    status         text NOT NULL DEFAULT 'received' CHECK (status IN ('received', 'answered')),
    upheld         boolean,
    answer         text,
    answered_by    bigint REFERENCES users (id),
    answered_at    timestamptz,
    created_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX programme_objections_call ON programme_objections (call_id);

CREATE TABLE programme_payments (
    id             bigserial PRIMARY KEY,
    application_id bigint NOT NULL REFERENCES programme_applications (id),
    amount         numeric(16, 2) NOT NULL CHECK (amount > 0),
    paid_on        date,
    status         text NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'paid', 'returned')),
    reference      text,
    note           text,
    created_by     bigint REFERENCES users (id),
    created_at     timestamptz NOT NULL DEFAULT now(),
    updated_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX programme_payments_app ON programme_payments (application_id);
