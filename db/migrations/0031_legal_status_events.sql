-- CNIPA legal-status events (法律状态, ADR 0017): one row per event of the gazette, with the raw values, the mapped
-- ST.27-style code (LegalEventCodes) and the import that brought it. record_id is null while the application is not in
-- records (the event is pending); the records import that brings the record attaches it. The events never create a
-- record and never change its bibliographic columns: an attached event is also written into records.events, from which
-- records.status is derived.
-- Citus: distribute on record_key (the unique index below contains it).
CREATE TABLE legal_status_events (
    id                       bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    record_key               text NOT NULL,              -- CN:P:<canonical application number>, the record it belongs to
    application_number       text NOT NULL,              -- canonical (201410000511.3, 00106482.7)
    raw_application_number   text NOT NULL,              -- 申请号 as written (106482.7 before its leading zeros were restored)
    number_restored          boolean NOT NULL DEFAULT false,
    event_date               date NOT NULL,              -- 法律状态公告日
    code                     text NOT NULL,              -- LegalEventCodes: granted, assigned, pledged, terminated …
    status_text              text NOT NULL,              -- 法律状态 as written
    info_text                text NOT NULL DEFAULT '',   -- 法律状态信息 as written
    grant_publication_number text NOT NULL DEFAULT '',   -- 授权公告号 as written
    record_id                bigint,                     -- null: pending, the record is not in records yet
    import_id                bigint REFERENCES imports(id) ON DELETE SET NULL,
    row_number               bigint NOT NULL,            -- the row of that import's file
    created_at               timestamptz NOT NULL DEFAULT now(),
    attached_at              timestamptz
);
-- one event once, whichever file (or re-import) brings it again
CREATE UNIQUE INDEX legal_status_events_identity
    ON legal_status_events (record_key, event_date, status_text, info_text, grant_publication_number);
-- the pending events a records batch can attach, looked up by the keys it wrote
CREATE INDEX legal_status_events_pending ON legal_status_events (record_key) WHERE record_id IS NULL;
CREATE INDEX legal_status_events_record ON legal_status_events (record_id) WHERE record_id IS NOT NULL;
CREATE INDEX legal_status_events_import ON legal_status_events (import_id);
CREATE INDEX legal_status_events_code ON legal_status_events (code, event_date);

-- What the transactions registries link to (转让、许可、质押): the kind, what happened, when, to which application,
-- with the gazette's own text. The legal-status file carries no parties (assignee, licensee, pledgee come from the
-- filing registries).
CREATE VIEW records_transaction_events AS
SELECT e.id, e.record_id, e.application_number, e.event_date,
       CASE WHEN e.code = 'assigned' THEN 'transfer'
            WHEN e.code IN ('licensed', 'licence_changed', 'licence_cancelled') THEN 'licence'
            ELSE 'pledge' END AS kind,
       e.code, e.status_text, e.info_text, e.import_id
FROM legal_status_events e
WHERE e.code IN ('assigned', 'licensed', 'licence_changed', 'licence_cancelled', 'pledged', 'pledge_changed', 'pledge_released');
