-- 定期推送 (issue 24 §4, ADR 0054): a user's briefing subscriptions and every briefing produced for them.
CREATE TABLE briefing_subscriptions (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id          bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    name             text NOT NULL,
    frequency        text NOT NULL CHECK (frequency IN ('weekly', 'monthly')),
    include_watches  boolean NOT NULL DEFAULT true,
    include_filings  boolean NOT NULL DEFAULT false,
    -- the industry's new filings: a records search expression and/or GB/T 4754 industry and region, as SearchRecords takes them
    filings_q        text,
    industry         text,
    region_code      text,
    include_notices  boolean NOT NULL DEFAULT true,
    include_calls    boolean NOT NULL DEFAULT true,
    by_email         boolean NOT NULL DEFAULT true,
    active           boolean NOT NULL DEFAULT true,
    -- the end (exclusive, China date) of the last scheduled period produced: the scheduler never produces a period twice
    last_period_end  date,
    created_at       timestamptz NOT NULL DEFAULT now(),
    updated_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX briefing_subscriptions_user ON briefing_subscriptions (user_id);

CREATE TABLE briefings (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    subscription_id  bigint REFERENCES briefing_subscriptions (id) ON DELETE SET NULL,
    user_id          bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    title            text NOT NULL,
    frequency        text NOT NULL,
    period_start     date NOT NULL,
    period_end       date NOT NULL,          -- exclusive
    trigger          text NOT NULL CHECK (trigger IN ('scheduled', 'manual')),
    item_count       integer NOT NULL,
    content          jsonb NOT NULL,         -- the sections and their items, as the in-app page shows them
    html_body        text NOT NULL,          -- the e-mail exactly as sent
    text_body        text NOT NULL,
    mail_id          bigint REFERENCES mail_outbox (id) ON DELETE SET NULL,
    created_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX briefings_user ON briefings (user_id, created_at DESC);
-- one scheduled briefing per subscription and period, even with several app instances
CREATE UNIQUE INDEX briefings_scheduled_once ON briefings (subscription_id, period_start) WHERE trigger = 'scheduled';
