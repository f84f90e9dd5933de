-- The trigram index over the entities' display names (0002) is dropped: no query reads it — applicants are matched by
-- their normalised key (entities.match_key, unique) and searched through the records' search index — yet a bulk import
-- rebuilt it every time (2017 file: 0.6–1.2 s of a core in the index phase, more than any other index but the search
-- index) and every other import maintained it for each new applicant. A feature that searches entities by name adds
-- the index its query needs. An interrupted bulk import may hold its definition to rebuild at the next start: dropped too.
DELETE FROM records_deferred_indexes WHERE name = 'entities_name_trgm';
DROP INDEX IF EXISTS entities_name_trgm;
