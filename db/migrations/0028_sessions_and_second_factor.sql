-- Server-side sessions and security stamps (ADR 0013). A sign-in creates a row of user_sessions; the auth cookie names the
-- row and the user's security stamp at sign-in. Every request checks that the row is neither revoked nor past its absolute
-- or idle limit and that the stamp still matches: logout revokes the row, and deactivation, a role change or a password
-- change/reset give the user a new stamp, which ends all the user's existing sessions at once, on every instance.
ALTER TABLE users
    ADD COLUMN security_stamp      uuid NOT NULL DEFAULT gen_random_uuid(),
    ADD COLUMN password_changed_at timestamptz,
    -- TOTP second factor (RFC 6238): the shared secret is kept encrypted with the data-protection key ring
    ADD COLUMN totp_secret         text,
    ADD COLUMN totp_enabled_at     timestamptz,
    -- the time step of the last accepted code: a code is accepted once (ASVS 2.8.4)
    ADD COLUMN totp_last_step      bigint;

CREATE TABLE user_sessions (
    id              uuid PRIMARY KEY,
    user_id         bigint NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    security_stamp  uuid NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT now(),
    expires_at      timestamptz NOT NULL,
    last_seen_at    timestamptz NOT NULL DEFAULT now(),
    revoked_at      timestamptz,
    revoked_reason  text,
    second_factor   text NOT NULL DEFAULT 'none' CHECK (second_factor IN ('none', 'totp', 'recovery', 'enrolment_required')),
    ip              text,
    user_agent      text
);
CREATE INDEX user_sessions_user ON user_sessions (user_id) WHERE revoked_at IS NULL;

-- one-time recovery codes for the second factor, stored as hashes
CREATE TABLE user_recovery_codes (
    user_id    bigint NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    code_hash  text NOT NULL,
    used_at    timestamptz,
    PRIMARY KEY (user_id, code_hash)
);
