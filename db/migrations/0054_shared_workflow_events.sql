-- The five transactions event tables take the shared workflow columns (ADR 0039): action, from_state, to_state, note,
-- actor_id, actor_name, at — so one base entity and one timeline view serve every module.

ALTER TABLE pledge_events RENAME COLUMN user_id TO actor_id;
ALTER TABLE pledge_events RENAME COLUMN user_name TO actor_name;

ALTER TABLE market_listing_events RENAME COLUMN from_status TO from_state;
ALTER TABLE market_listing_events RENAME COLUMN to_status TO to_state;
ALTER TABLE market_listing_events ADD COLUMN action text;
-- The action of an older row follows from its two states, which the listing's transition table determines uniquely.
UPDATE market_listing_events SET action = CASE
    WHEN from_state IS NULL THEN 'create'
    WHEN to_state = 'pending' AND from_state IN ('draft', 'rectify') THEN 'submit'
    WHEN to_state = 'pending' AND from_state = 'published' THEN 'edit'
    WHEN to_state = 'draft' THEN 'edit'
    WHEN to_state = 'published' THEN 'approve'
    WHEN to_state = 'rectify' THEN 'rectify'
    WHEN to_state = 'rejected' THEN 'reject'
    WHEN to_state = 'withdrawn' THEN 'withdraw'
    WHEN to_state = 'expired' THEN 'expire'
    ELSE to_state END;
ALTER TABLE market_listing_events ALTER COLUMN action SET NOT NULL;

ALTER TABLE market_deal_events RENAME COLUMN from_stage TO from_state;
ALTER TABLE market_deal_events RENAME COLUMN to_stage TO to_state;
ALTER TABLE market_deal_events ADD COLUMN action text;
-- A 对接's action is the stage it reached; its first row (no stage before) is the contact that started it.
UPDATE market_deal_events SET action = CASE WHEN from_state IS NULL THEN 'contact' ELSE to_state END;
ALTER TABLE market_deal_events ALTER COLUMN action SET NOT NULL;

ALTER TABLE custody_events RENAME COLUMN from_status TO from_state;
ALTER TABLE custody_events RENAME COLUMN to_status TO to_state;
