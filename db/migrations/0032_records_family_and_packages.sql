-- The patent family (EPO DOCDB family id, ADR 0018): the overseas members of a family are what the 高价值发明专利 count of
-- patents with an overseas family reads, and the record page lists the other members held. Kept in the row and lz4 like
-- every variable-length column of records (0019, 0020), compared byte by byte like the other codes (0025).
ALTER TABLE records ADD COLUMN family_id text COLLATE "C";
ALTER TABLE records ALTER COLUMN family_id SET STORAGE MAIN;
DO $$
BEGIN
    ALTER TABLE records ALTER COLUMN family_id SET COMPRESSION lz4;
EXCEPTION WHEN feature_not_supported OR invalid_parameter_value THEN
    RAISE NOTICE 'lz4 is not available in this PostgreSQL build; family_id keeps the default compression';
END $$;
CREATE INDEX records_family ON records (family_id) WHERE family_id IS NOT NULL;

-- The files of a ZIP package, imported one after another as one import (ADR 0018): each with its own state, counts,
-- resume point and message, so that a bad file is reported and skipped while the others go in.
CREATE TABLE import_entries (
    import_id     bigint NOT NULL REFERENCES imports(id) ON DELETE CASCADE,
    entry_index   integer NOT NULL,                -- position in the package (archive order)
    name          text NOT NULL,                   -- the entry's path in the package, as shown
    size_bytes    bigint NOT NULL,                 -- unpacked
    format        text,                            -- as detected: xml, cnipa-csv, cnipa-legal-status …
    status        text NOT NULL DEFAULT 'queued',  -- queued, running, succeeded, failed, skipped
    rows_read     bigint NOT NULL DEFAULT 0,
    inserted      bigint NOT NULL DEFAULT 0,
    updated       bigint NOT NULL DEFAULT 0,
    unchanged     bigint NOT NULL DEFAULT 0,
    rejected      bigint NOT NULL DEFAULT 0,
    batches_done  integer NOT NULL DEFAULT 0,      -- resume point within the entry
    message       text,
    PRIMARY KEY (import_id, entry_index)
);

-- a rejected row of a package names its file
ALTER TABLE import_rejections ADD COLUMN entry_index integer;
