-- Open data API for other platforms (issue 25 §2, ADR 0055 keys and limits, ADR 0056 the change cursor).

-- API keys issued by the admin per partner. The secret is never stored: only its SHA-256 and a short prefix to recognise it.
CREATE TABLE api_keys (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name             text NOT NULL,
    partner          text NOT NULL,
    contact_name     text,
    contact_phone    text,
    contact_email    text,
    prefix           text NOT NULL UNIQUE,
    secret_hash      bytea NOT NULL UNIQUE,
    scopes           text[] NOT NULL,
    daily_quota      integer NOT NULL CHECK (daily_quota > 0),
    per_minute       integer NOT NULL CHECK (per_minute > 0),
    expires_on       date NOT NULL,
    revoked_at       timestamptz,
    revoked_by       text,
    created_by       text NOT NULL,
    created_at       timestamptz NOT NULL DEFAULT now(),
    last_used_at     timestamptz
);

-- Quota, rate and usage per key and China day, one row updated by one UPSERT per request (several app instances share it).
CREATE TABLE api_key_usage (
    key_id           bigint NOT NULL REFERENCES api_keys (id) ON DELETE CASCADE,
    day              date NOT NULL,
    requests         integer NOT NULL DEFAULT 0,
    rejected         integer NOT NULL DEFAULT 0,
    operations       jsonb NOT NULL DEFAULT '{}',
    minute           timestamptz NOT NULL,
    minute_requests  integer NOT NULL DEFAULT 0,
    last_ok          boolean NOT NULL DEFAULT true,
    PRIMARY KEY (key_id, day)
);

-- The change cursor: the transaction that last wrote a record. ADD COLUMN without a default does not rewrite the 5M-row
-- table; the default applies to rows inserted from now on (the import's COPY); existing rows stay NULL = the oldest.
ALTER TABLE records ADD COLUMN change_xid xid8;
ALTER TABLE records ALTER COLUMN change_xid SET DEFAULT pg_current_xact_id();
CREATE INDEX records_change ON records ((COALESCE(change_xid, '0'::xid8)), id);

-- Records that left the table (none of today's write paths delete one; an operator's or a future path's deletion must
-- still reach the partners' mirrors): the trigger writes the tombstone in the deleting transaction.
CREATE TABLE record_tombstones (
    record_id        bigint PRIMARY KEY,
    record_key       text NOT NULL,
    change_xid       xid8 NOT NULL DEFAULT pg_current_xact_id(),
    deleted_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX record_tombstones_change ON record_tombstones (change_xid, record_id);

CREATE FUNCTION records_tombstone() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO record_tombstones (record_id, record_key) VALUES (OLD.id, OLD.record_key)
    ON CONFLICT (record_id) DO UPDATE SET change_xid = pg_current_xact_id(), deleted_at = now();
    RETURN OLD;
END $$;
CREATE TRIGGER records_tombstone AFTER DELETE ON records FOR EACH ROW EXECUTE FUNCTION records_tombstone();
