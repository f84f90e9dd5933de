-- Protection (保护): complaints and cases, working-day calendar, mediation, investigators, referrals, disclosure,
-- credit list, protection list. See docs/adr/0200–0204.

-- Working-day calendar: exceptions to "Monday–Friday are working days". The admin maintains it; 2025 and 2026 are seeded
-- from the 国务院办公厅 notices (国办发明电〔2024〕12号, 国办发明电〔2025〕7号). ref_ prefix: reference data.
CREATE TABLE ref_workday_calendar (
    day     date PRIMARY KEY,
    kind    text NOT NULL CHECK (kind IN ('holiday', 'workday')),   -- holiday: a weekday off; workday: a weekend day worked (调休上班)
    name    text NOT NULL,
    source  text NOT NULL DEFAULT ''
);

INSERT INTO ref_workday_calendar (day, kind, name, source)
SELECT d::date, 'holiday', h.name, h.source
FROM (VALUES
    ('2025-01-01', '2025-01-01', '元旦', '国办发明电〔2024〕12号'),
    ('2025-01-28', '2025-02-04', '春节', '国办发明电〔2024〕12号'),
    ('2025-04-04', '2025-04-06', '清明节', '国办发明电〔2024〕12号'),
    ('2025-05-01', '2025-05-05', '劳动节', '国办发明电〔2024〕12号'),
    ('2025-05-31', '2025-06-02', '端午节', '国办发明电〔2024〕12号'),
    ('2025-10-01', '2025-10-08', '国庆节、中秋节', '国办发明电〔2024〕12号'),
    ('2026-01-01', '2026-01-03', '元旦', '国办发明电〔2025〕7号'),
    ('2026-02-15', '2026-02-23', '春节', '国办发明电〔2025〕7号'),
    ('2026-04-04', '2026-04-06', '清明节', '国办发明电〔2025〕7号'),
    ('2026-05-01', '2026-05-05', '劳动节', '国办发明电〔2025〕7号'),
    ('2026-06-19', '2026-06-21', '端午节', '国办发明电〔2025〕7号'),
    ('2026-09-25', '2026-09-27', '中秋节', '国办发明电〔2025〕7号'),
    ('2026-10-01', '2026-10-07', '国庆节', '国办发明电〔2025〕7号')
) AS h(first, last, name, source),
LATERAL generate_series(h.first::date, h.last::date, interval '1 day') AS d;

INSERT INTO ref_workday_calendar (day, kind, name, source) VALUES
    ('2025-01-26', 'workday', '春节调休上班', '国办发明电〔2024〕12号'),
    ('2025-02-08', 'workday', '春节调休上班', '国办发明电〔2024〕12号'),
    ('2025-04-27', 'workday', '劳动节调休上班', '国办发明电〔2024〕12号'),
    ('2025-09-28', 'workday', '国庆节调休上班', '国办发明电〔2024〕12号'),
    ('2025-10-11', 'workday', '国庆节调休上班', '国办发明电〔2024〕12号'),
    ('2026-01-04', 'workday', '元旦调休上班', '国办发明电〔2025〕7号'),
    ('2026-02-14', 'workday', '春节调休上班', '国办发明电〔2025〕7号'),
    ('2026-02-28', 'workday', '春节调休上班', '国办发明电〔2025〕7号'),
    ('2026-05-09', 'workday', '劳动节调休上班', '国办发明电〔2025〕7号'),
    ('2026-09-20', 'workday', '国庆节调休上班', '国办发明电〔2025〕7号'),
    ('2026-10-10', 'workday', '国庆节调休上班', '国办发明电〔2025〕7号');

-- Settings the bureau maintains (fast-track rules, credit listing period). Missing keys fall back to defaults in code.
CREATE TABLE protection_settings (
    key         text PRIMARY KEY,
    value       jsonb NOT NULL,
    updated_at  timestamptz NOT NULL DEFAULT now()
);

-- 保护名录: key entities and rights, used by the fast-track rules.
CREATE TABLE protection_list (
    id                  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    kind                text NOT NULL CHECK (kind IN ('entity', 'right')),
    name                text NOT NULL,
    credit_code         text,
    application_number  text,
    industry            text,
    region_code         text,
    note                text,
    is_active           boolean NOT NULL DEFAULT true,
    created_at          timestamptz NOT NULL DEFAULT now()
);

CREATE SEQUENCE complaint_receipt_seq;

-- One row per complaint / report / assistance request; it becomes the case as it moves through the workflow.
CREATE TABLE complaints (
    id                    bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    receipt_number        text NOT NULL UNIQUE,
    code_hash             text NOT NULL,
    type                  text NOT NULL,
    channel               text NOT NULL CHECK (channel IN ('online', 'walk_in', 'referral')),
    status                text NOT NULL DEFAULT 'registered',
    status_before_suspension text,
    fast_track            boolean NOT NULL DEFAULT false,
    fast_track_reasons    text[] NOT NULL DEFAULT '{}',
    complainant_kind      text NOT NULL CHECK (complainant_kind IN ('person', 'organisation')),
    complainant_name      text NOT NULL,
    complainant_id_number text,
    complainant_phone     text NOT NULL,
    complainant_email     text,
    complainant_address   text,
    complainant_org_unit_id bigint REFERENCES org_units(id),
    submitted_by          bigint REFERENCES users(id),
    right_type            text,
    right_number          text,
    right_canonical       text,
    right_record_id       bigint,
    right_title           text,
    right_status          text,
    right_owner           text,
    respondent_name       text NOT NULL,
    respondent_address    text,
    respondent_platform   text,
    respondent_url        text,
    facts                 text NOT NULL,
    industry              text,
    region_code           text,
    handling_unit_id      bigint REFERENCES org_units(id),
    referred_from_unit_id bigint REFERENCES org_units(id),
    merged_into_id        bigint REFERENCES complaints(id),
    possible_duplicate_of bigint REFERENCES complaints(id),
    dedupe_key            text NOT NULL,
    received_on           date NOT NULL,
    accept_due            date NOT NULL,
    accepted_on           date,
    filed_on              date,
    decision_due          date,
    extended              boolean NOT NULL DEFAULT false,
    extension_reason      text,
    extension_approved_by text,
    reject_reason         text,
    decision              text,
    outcome               text,
    closed_on             date,
    satisfaction          integer CHECK (satisfaction BETWEEN 1 AND 5),
    satisfaction_comment  text,
    satisfaction_at       timestamptz,
    overdue_alerted_at    timestamptz,
    created_at            timestamptz NOT NULL DEFAULT now(),
    updated_at            timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX complaints_status ON complaints (status);
CREATE INDEX complaints_region ON complaints (region_code);
CREATE INDEX complaints_dedupe ON complaints (dedupe_key);
CREATE INDEX complaints_received ON complaints (received_on);

CREATE TABLE complaint_files (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    complaint_id  bigint NOT NULL REFERENCES complaints(id) ON DELETE CASCADE,
    file_name     text NOT NULL,
    content_type  text NOT NULL,
    size_bytes    bigint NOT NULL,
    sha256        text NOT NULL,
    content       bytea NOT NULL,
    kind          text NOT NULL DEFAULT 'evidence',   -- evidence, document (文书), agreement
    uploaded_by   bigint,
    uploaded_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX complaint_files_complaint ON complaint_files (complaint_id);

-- The timeline: every transition and action, with who and why.
CREATE TABLE complaint_events (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    complaint_id  bigint NOT NULL REFERENCES complaints(id) ON DELETE CASCADE,
    at            timestamptz NOT NULL DEFAULT now(),
    actor_id      bigint,
    actor_name    text NOT NULL,
    action        text NOT NULL,
    from_status   text,
    to_status     text,
    note          text,
    is_public     boolean NOT NULL DEFAULT false
);
CREATE INDEX complaint_events_complaint ON complaint_events (complaint_id, at);

CREATE TABLE complaint_mediations (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    complaint_id  bigint NOT NULL REFERENCES complaints(id) ON DELETE CASCADE,
    held_on       date NOT NULL,
    mediator      text NOT NULL,
    participants  text,
    result        text NOT NULL CHECK (result IN ('agreement', 'failed', 'continued')),
    agreement     text,
    judicial_confirmation boolean NOT NULL DEFAULT false,   -- 调解协议司法确认 applied for
    created_by    bigint,
    created_at    timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE complaint_investigators (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    complaint_id  bigint NOT NULL REFERENCES complaints(id) ON DELETE CASCADE,
    user_id       bigint NOT NULL REFERENCES users(id),
    name          text NOT NULL,
    conflict_checked_note text NOT NULL,
    assigned_at   timestamptz NOT NULL DEFAULT now(),
    UNIQUE (complaint_id, user_id)
);

-- 行刑衔接: referral to police or court, with the reply tracked.
CREATE TABLE complaint_referrals (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    complaint_id  bigint NOT NULL REFERENCES complaints(id) ON DELETE CASCADE,
    to_unit_id    bigint NOT NULL REFERENCES org_units(id),
    reason        text NOT NULL,
    sent_on       date NOT NULL,
    reply_due     date NOT NULL,
    replied_on    date,
    reply         text,
    reply_result  text CHECK (reply_result IN ('accepted', 'declined', 'returned')),
    created_by    bigint,
    created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX complaint_referrals_unit ON complaint_referrals (to_unit_id);

-- 案件信息公开: published penalty decisions and typical cases; only the masked text is ever served publicly.
CREATE TABLE protection_disclosures (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    complaint_id  bigint REFERENCES complaints(id),
    kind          text NOT NULL CHECK (kind IN ('penalty_decision', 'typical_case')),
    decision_number text,
    title         text NOT NULL,
    original_text text NOT NULL,
    masked_text   text NOT NULL,
    masked_names  text[] NOT NULL DEFAULT '{}',
    published_at  timestamptz,
    withdrawn_at  timestamptz,
    created_by    bigint,
    created_at    timestamptz NOT NULL DEFAULT now()
);

-- 严重违法失信名单 with publication, repair and expiry.
CREATE TABLE credit_listings (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    complaint_id    bigint REFERENCES complaints(id),
    subject_name    text NOT NULL,
    subject_kind    text NOT NULL CHECK (subject_kind IN ('person', 'organisation')),
    credit_code     text,
    decision_number text NOT NULL,
    reason          text NOT NULL,
    status          text NOT NULL DEFAULT 'listed' CHECK (status IN ('listed', 'published', 'repair_requested', 'repaired', 'expired')),
    listed_on       date NOT NULL,
    expires_on      date NOT NULL,
    published_at    timestamptz,
    repair_reason   text,
    repair_requested_at timestamptz,
    review_note     text,
    reviewed_at     timestamptz,
    removed_on      date,
    created_by      bigint,
    created_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX credit_listings_status ON credit_listings (status, expires_on);
