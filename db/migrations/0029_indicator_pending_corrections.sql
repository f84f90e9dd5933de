-- A report on an accepted value no longer replaces it before review (issue 18, finding 5): the correction waits beside the
-- accepted value until the bureau accepts it (it then becomes the next value version, the old one kept in the history)
-- or returns it (the accepted value stays as it was).
ALTER TABLE indicator_values
    ADD COLUMN pending_value    numeric,
    ADD COLUMN pending_note     text,
    ADD COLUMN pending_by       bigint REFERENCES users(id),
    ADD COLUMN pending_unit_id  bigint REFERENCES org_units(id),
    ADD COLUMN pending_at       timestamptz;
