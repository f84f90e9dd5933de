-- The CJK search codes present in records (ADR 0011, eighth-session amendment): a query of one CJK character matches
-- every bigram that character begins, and 39,473 codes are possible for each character where a few hundred occur
-- (锂 begins 115 of the 454,864 bigram codes of the 2017 file). Looked up in this table first, the search index is
-- scanned for those few codes instead of all 39,473 (a lone character took 1–2 s at 215k records and 3.5–5 s at 5M).
-- The importer adds the codes of every batch it writes in the batch's own transaction, so the table always holds every
-- code of every record (it may hold more: codes whose records were deleted, harmless). Word codes (negative) are not
-- kept: a Latin word is looked up whole. Not unique, so that a bulk import can write it without an index and build the
-- index at the end with those of records (two imports adding one code at once leave it twice, also harmless).
CREATE TABLE search_vocabulary (code int NOT NULL);
INSERT INTO search_vocabulary SELECT DISTINCT c FROM records, unnest(search_codes) c WHERE c >= 0;
CREATE INDEX search_vocabulary_code ON search_vocabulary (code);
ANALYZE search_vocabulary;
