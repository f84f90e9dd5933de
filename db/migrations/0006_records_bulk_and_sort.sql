-- Bulk imports (ADR 0011): the non-unique indexes of records are dropped while a large file is loaded into a small
-- table and rebuilt in one pass at the end. Their definitions wait here until rebuilt, so a killed import (or a crash
-- between the drop and the rebuild) never loses an index: the next start or the resumed import rebuilds them.
CREATE TABLE records_deferred_indexes (
    name        text PRIMARY KEY,
    definition  text NOT NULL,
    import_id   bigint,
    dropped_at  timestamptz NOT NULL DEFAULT now()
);
-- GetImport says whether an import ran in bulk mode
ALTER TABLE imports ADD COLUMN bulk boolean NOT NULL DEFAULT false;

-- Date sorts are "newest first, undated last" (DESC NULLS LAST) with the id as tie-breaker; an index in exactly that
-- order returns the first page of an unfiltered or filter-only search without sorting every row.
DROP INDEX IF EXISTS records_app_date;
DROP INDEX IF EXISTS records_pub_date;
DROP INDEX IF EXISTS records_grant_date;
CREATE INDEX records_app_date ON records (application_date DESC NULLS LAST, id DESC);
CREATE INDEX records_app_date_asc ON records (application_date ASC NULLS LAST, id ASC);  -- "oldest first, undated last"
CREATE INDEX records_pub_date ON records (publication_date DESC NULLS LAST, id DESC);
CREATE INDEX records_grant_date ON records (grant_date DESC NULLS LAST, id DESC);

-- IPC main groups ("A61K 36") join sections, classes and subclasses in ipc_classes, so a group filter is one GIN
-- lookup instead of a scan of every record's symbols. Existing records get theirs here (the index is rebuilt after).
DROP INDEX IF EXISTS records_ipc_classes;
UPDATE records r SET ipc_classes = r.ipc_classes || g.groups
FROM (SELECT id, ARRAY(SELECT DISTINCT split_part(x, '/', 1) FROM unnest(ipc) x WHERE x LIKE '% %/%') AS groups FROM records) g
WHERE g.id = r.id AND cardinality(g.groups) > 0 AND NOT r.ipc_classes @> g.groups;
CREATE INDEX records_ipc_classes ON records USING gin (ipc_classes) WITH (gin_pending_list_limit = 16384);
