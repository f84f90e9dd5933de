-- The search index over integer codes of the lexemes instead of the lexemes themselves (ADR 0011, sixth-session
-- amendment). Building the GIN index over the tsvector spent about 60 % of its time comparing text keys (detoasting
-- each one first); over integers the same entries sort in about half the time (2017 file: 5.9–6.6 s against
-- 10.0–12.4 s), and the index is the longest step of a bulk import. The vector stays in the row, unindexed: it ranks
-- the hits and checks what the codes cannot (the order of a word's bigrams, the weight of an applicant's name).
--
-- A lexeme's code (SearchTokens.Code in the application computes the same number; a test compares them): a CJK bigram
-- is the dense numbers of its two characters (first × 39,472 + second), a lone CJK character 1,558,038,784 + its
-- number — both exact — and an ASCII word hashtext() with the sign bit set. The two scalar functions are not STRICT so
-- that PostgreSQL inlines them (a CASE is not strict): called as functions, the update of 214,197 rows took minutes.
CREATE OR REPLACE FUNCTION records_cjk_index(c int) RETURNS int LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT CASE WHEN c BETWEEN 12352 AND 12543 THEN c - 12352          -- U+3040–U+30FF kana
                WHEN c BETWEEN 13312 AND 19903 THEN c - 13312 + 192    -- U+3400–U+4DBF extension A
                WHEN c BETWEEN 19968 AND 40959 THEN c - 19968 + 6784   -- U+4E00–U+9FFF unified ideographs
                WHEN c BETWEEN 44032 AND 55215 THEN c - 44032 + 27776  -- U+AC00–U+D7AF Hangul syllables
                WHEN c BETWEEN 63744 AND 64255 THEN c - 63744 + 38960  -- U+F900–U+FAFF compatibility ideographs
           END
$$;

CREATE OR REPLACE FUNCTION records_search_code(lexeme text) RETURNS int LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT CASE WHEN ascii(lexeme) < 128 THEN hashtext(lexeme) | (-2147483648)
                WHEN length(lexeme) = 1 THEN 1558038784 + records_cjk_index(ascii(lexeme))
                ELSE records_cjk_index(ascii(lexeme)) * 39472 + records_cjk_index(ascii(substr(lexeme, 2)))
           END
$$;

CREATE OR REPLACE FUNCTION records_search_codes(v tsvector) RETURNS int[] LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
    SELECT COALESCE(array_agg(DISTINCT records_search_code(l)), '{}') FROM unnest(tsvector_to_array(v)) l
$$;

ALTER TABLE records ADD COLUMN search_codes int[] NOT NULL DEFAULT '{}';
-- in the row like every other column (migration 0020): a row filter reads the codes of the rows it checks, and out of
-- line each read is a TOAST lookup (at 5M records 1 GB of TOAST, broad words through the sample 47 → 120 ms)
ALTER TABLE records ALTER COLUMN search_codes SET STORAGE MAIN;
DO $$
BEGIN
    ALTER TABLE records ALTER COLUMN search_codes SET COMPRESSION lz4;
EXCEPTION WHEN feature_not_supported OR invalid_parameter_value THEN
    RAISE NOTICE 'lz4 is not available in this PostgreSQL build; the codes keep the default compression';
END $$;

-- An interrupted bulk import may hold the old definition for the next start to rebuild: the new one replaces it.
DELETE FROM records_deferred_indexes WHERE name = 'records_search';
DROP INDEX IF EXISTS records_search;

-- Codes for the records already stored. On a large table every row gets a new version: the non-unique indexes are
-- dropped for the update and built again once afterwards, as a bulk import does (the time at 5M records is in
-- docs/operations.md).
DO $$
DECLARE
    names text[];
    defs text[];
    d text;
BEGIN
    IF EXISTS (SELECT 1 FROM records WHERE search_vector <> ''::tsvector) THEN
        SELECT coalesce(array_agg(c.relname::text), '{}'), coalesce(array_agg(pg_get_indexdef(i.indexrelid)), '{}') INTO names, defs
        FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
        WHERE i.indrelid = 'records'::regclass AND NOT i.indisunique AND NOT i.indisprimary;
        FOREACH d IN ARRAY names LOOP
            EXECUTE format('DROP INDEX %I', d);
        END LOOP;
        UPDATE records SET search_codes = records_search_codes(search_vector) WHERE search_vector <> ''::tsvector;
        FOREACH d IN ARRAY defs LOOP
            EXECUTE d;
        END LOOP;
    END IF;
END $$;

CREATE INDEX records_search ON records USING gin
    (search_codes, province_code, city_code, county_code, (extract(year FROM application_date)))
    WITH (gin_pending_list_limit = 65536);

-- Nothing filters on the vector through an index any more, and the planner's estimate of a word comes from the codes.
ALTER TABLE records ALTER COLUMN search_vector SET STATISTICS 0;
ANALYZE records;
