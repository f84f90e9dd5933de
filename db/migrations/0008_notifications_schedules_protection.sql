-- In-app notifications (Platform/Notifications), recurring job schedules (Platform/Jobs), and the protection remainders:
-- judicial confirmation of mediation agreements, typical-case articles. See docs/adr/0205–0208.

-- A notification goes to one user, or to every user of one org unit (or both). Read state is per user.
CREATE TABLE notifications (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id       bigint REFERENCES users(id) ON DELETE CASCADE,
    org_unit_id   bigint REFERENCES org_units(id) ON DELETE CASCADE,
    type          text NOT NULL,            -- e.g. protection.overdue, protection.due_soon, protection.referral_late, protection.fast_track
    title         text NOT NULL,
    body          text NOT NULL DEFAULT '',
    link          text,                     -- a path inside the web app, e.g. /protection/cases/12
    entity        text,                     -- table or aggregate name, e.g. complaints
    entity_id     text,
    dedupe_key    text,                     -- the same event never notifies twice (periodic checks re-run)
    created_at    timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT notifications_recipient CHECK (user_id IS NOT NULL OR org_unit_id IS NOT NULL)
);
CREATE UNIQUE INDEX notifications_dedupe ON notifications (dedupe_key) WHERE dedupe_key IS NOT NULL;
CREATE INDEX notifications_user ON notifications (user_id, created_at DESC) WHERE user_id IS NOT NULL;
CREATE INDEX notifications_org ON notifications (org_unit_id, created_at DESC) WHERE org_unit_id IS NOT NULL;

CREATE TABLE notification_reads (
    notification_id bigint NOT NULL REFERENCES notifications(id) ON DELETE CASCADE,
    user_id         bigint NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    read_at         timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (notification_id, user_id)
);

-- Recurring jobs: one row per kind; an app instance that finds next_run_at passed moves it on and queues one job, in one
-- transaction (the row lock makes sure only one instance does so per period). The job itself is claimed from jobs as usual.
CREATE TABLE job_schedules (
    kind            text PRIMARY KEY,
    interval_minutes integer NOT NULL CHECK (interval_minutes > 0),
    next_run_at     timestamptz NOT NULL,
    last_job_id     bigint,
    updated_at      timestamptz NOT NULL DEFAULT now()
);

-- 调解协议司法确认: application to a court after an agreement, and the court's ruling.
ALTER TABLE complaint_mediations
    ADD COLUMN court_unit_id        bigint REFERENCES org_units(id),
    ADD COLUMN court_name           text,
    ADD COLUMN confirmation_applied_on date,
    ADD COLUMN ruling               text CHECK (ruling IN ('confirmed', 'refused')),
    ADD COLUMN ruling_on            date,
    ADD COLUMN ruling_document_number text,
    ADD COLUMN ruling_note          text,
    ADD COLUMN ruling_recorded_by   bigint;
CREATE INDEX complaint_mediations_court ON complaint_mediations (court_unit_id) WHERE court_unit_id IS NOT NULL;
CREATE INDEX complaint_mediations_complaint ON complaint_mediations (complaint_id);

-- 典型案例 as articles: a summary besides the body (both stored original and masked; only masked served publicly).
ALTER TABLE protection_disclosures
    ADD COLUMN summary          text,
    ADD COLUMN masked_summary   text,
    ADD COLUMN source_file_id   bigint REFERENCES complaint_files(id);

