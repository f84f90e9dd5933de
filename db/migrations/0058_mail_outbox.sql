-- E-mail (ADR 0046): every message goes through an outbox, sent over SMTP by the mail job with retries; failures stay visible to
-- the admin. Notifications are mailed to their recipients who have an address and did not opt out (users.notify_by_email).
CREATE TABLE mail_outbox (
    id               bigserial PRIMARY KEY,
    to_address       text NOT NULL,
    to_name          text,
    user_id          bigint REFERENCES users (id) ON DELETE SET NULL,
    kind             text NOT NULL,
    subject          text NOT NULL,
    text_body        text NOT NULL,
    html_body        text,
    notification_id  bigint REFERENCES notifications (id) ON DELETE SET NULL,
    status           text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed')),
    attempts         int NOT NULL DEFAULT 0,
    last_error       text,
    next_attempt_at  timestamptz NOT NULL DEFAULT now(),
    message_id       text,
    created_at       timestamptz NOT NULL DEFAULT now(),
    sent_at          timestamptz,
    UNIQUE (notification_id, user_id)
);
CREATE INDEX mail_outbox_due ON mail_outbox (next_attempt_at) WHERE status = 'pending';
CREATE INDEX mail_outbox_status ON mail_outbox (status, created_at DESC);

ALTER TABLE notifications ADD COLUMN mailed_at timestamptz;
CREATE INDEX notifications_unmailed ON notifications (id) WHERE mailed_at IS NULL;
ALTER TABLE users ADD COLUMN notify_by_email boolean NOT NULL DEFAULT true;
