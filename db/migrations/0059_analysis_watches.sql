-- Watches and early warnings (issue 24 §3, ADR 0047, 0048). A watch belongs to its owner; a staff watch may be bureau-wide
-- (seen by every staff user, notified to the bureau's unit). Each kind keeps its own high-water marks, so an evaluation only
-- looks at what arrived since the last one and nothing fires twice.
CREATE TABLE watches (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    owner_id         bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    owner_name       text NOT NULL,
    bureau_wide      boolean NOT NULL DEFAULT false,
    kind             text NOT NULL CHECK (kind IN ('search', 'record', 'entity', 'indicator')),
    name             text NOT NULL,
    -- search: the records search box and the search page's filters (as SearchRecords takes them)
    q                text,
    filters          jsonb,
    -- record: the patent and how many days before a due date (annual fee, expiry) to warn
    record_key       text,
    application_number text,
    days_ahead       integer,
    -- entity: an entity of the register
    entity_id        bigint,
    -- indicator: a catalogue indicator of a region, fired when the year-on-year change passes the threshold
    indicator_code   text,
    region_code      text,
    threshold_pct    numeric,
    direction        text CHECK (direction IN ('down', 'up', 'either')),
    paused           boolean NOT NULL DEFAULT false,
    record_mark      bigint NOT NULL DEFAULT 0,   -- records.id seen up to
    event_mark       bigint NOT NULL DEFAULT 0,   -- legal_status_events.id seen up to
    last_evaluated_at timestamptz,
    created_at       timestamptz NOT NULL DEFAULT now(),
    updated_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX watches_owner ON watches (owner_id);
CREATE INDEX watches_active ON watches (kind) WHERE NOT paused;
CREATE INDEX watches_record ON watches (record_key) WHERE kind = 'record';

-- One alert of a watch: what a later digest (briefings, §4) reads — the watch, when, what kind, a one-line summary and the
-- link to its evidence; the evidence itself (records, events, values) as JSON.
CREATE TABLE watch_hits (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    watch_id      bigint NOT NULL REFERENCES watches (id) ON DELETE CASCADE,
    at            timestamptz NOT NULL DEFAULT now(),
    kind          text NOT NULL,
    summary       text NOT NULL,
    link          text NOT NULL,
    item_count    integer NOT NULL DEFAULT 0,
    evidence      jsonb NOT NULL DEFAULT '{}',
    dedupe_key    text NOT NULL UNIQUE
);
CREATE INDEX watch_hits_watch ON watch_hits (watch_id, at DESC);
CREATE INDEX watch_hits_at ON watch_hits (at);

-- 非正常申请 screening: groups of near-identical titles one applicant filed within a short time (ADR 0048).
CREATE TABLE abnormal_filing_groups (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    applicant      text NOT NULL,
    region_code    text,
    first_date     date NOT NULL,
    last_date      date NOT NULL,
    record_count   integer NOT NULL,
    min_similarity numeric NOT NULL,
    sample_title   text NOT NULL,
    record_ids     bigint[] NOT NULL,
    rule           jsonb NOT NULL,
    signature      text NOT NULL UNIQUE,           -- applicant + record ids: a group found again is not a new flag
    found_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX abnormal_filing_groups_found ON abnormal_filing_groups (found_at DESC);

-- marks of evaluations that are not per watch (the screening's records.id)
CREATE TABLE watch_marks (
    name   text PRIMARY KEY,
    value  bigint NOT NULL
);
