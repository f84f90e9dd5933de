-- Platform foundation: org units, users, audit log, background jobs, stored files.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE TABLE org_units (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name          text NOT NULL,
    kind          text NOT NULL CHECK (kind IN ('bureau','department','district','enterprise','agency','expert_group','other')),
    region_code   text,                -- 6-digit 国家统计局 code (county, city or province); districts and zones always have one
    credit_code   text,                -- 统一社会信用代码 for enterprises and agencies
    parent_id     bigint REFERENCES org_units(id),
    is_active     boolean NOT NULL DEFAULT true,
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT org_units_name_unique UNIQUE (name)
);
CREATE UNIQUE INDEX org_units_credit_code_unique ON org_units (credit_code) WHERE credit_code IS NOT NULL;

CREATE TABLE users (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    username        text NOT NULL,
    display_name    text NOT NULL,
    role            text NOT NULL CHECK (role IN ('admin','bureau','department','district','enterprise','agency','expert')),
    org_unit_id     bigint REFERENCES org_units(id),
    password_hash   text NOT NULL,
    phone           text,
    email           text,
    is_active       boolean NOT NULL DEFAULT true,
    failed_logins   integer NOT NULL DEFAULT 0,
    locked_until    timestamptz,
    last_login_at   timestamptz,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX users_username_unique ON users (lower(username));

CREATE TABLE audit_log (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at             timestamptz NOT NULL DEFAULT now(),
    actor_id       bigint,
    actor_name     text NOT NULL,
    action         text NOT NULL,          -- create, update, delete, login, login_failed, locked, import, …
    entity         text NOT NULL,          -- table or aggregate name
    entity_id      text,
    before         jsonb,
    after          jsonb,
    ip             text,
    correlation_id text
);
CREATE INDEX audit_log_at ON audit_log (at DESC);
CREATE INDEX audit_log_entity ON audit_log (entity, entity_id);
CREATE INDEX audit_log_actor ON audit_log (actor_id);

CREATE TABLE jobs (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    kind          text NOT NULL,
    payload       jsonb NOT NULL DEFAULT '{}',
    status        text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued','running','succeeded','failed','cancelled')),
    progress      bigint NOT NULL DEFAULT 0,
    total         bigint,
    message       text,
    result        jsonb,
    attempts      integer NOT NULL DEFAULT 0,
    locked_by     text,
    locked_until  timestamptz,
    created_by    bigint,
    created_at    timestamptz NOT NULL DEFAULT now(),
    started_at    timestamptz,
    finished_at   timestamptz
);
CREATE INDEX jobs_claim ON jobs (status, created_at) WHERE status IN ('queued','running');

CREATE TABLE stored_files (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    file_name     text NOT NULL,
    content_type  text NOT NULL,
    size_bytes    bigint NOT NULL,
    sha256        text NOT NULL,
    content       bytea NOT NULL,
    uploaded_by   bigint,
    uploaded_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX stored_files_sha ON stored_files (sha256);
