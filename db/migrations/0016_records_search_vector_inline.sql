-- The search vector stays in the row (compressed when the row is large) instead of moving out to TOAST (ADR 0011): every
-- phrase recheck and every relevance rank reads it, and out of line each read cost a TOAST index lookup and chunk reads
-- (4.7 buffers a row at 5M records). lz4 decompresses several times faster than the default pglz. Applies to rows
-- written from now on; VACUUM FULL records rewrites older ones.
ALTER TABLE records ALTER COLUMN search_vector SET STORAGE MAIN;
DO $$
BEGIN
    ALTER TABLE records ALTER COLUMN search_vector SET COMPRESSION lz4;
EXCEPTION WHEN feature_not_supported OR invalid_parameter_value THEN
    RAISE NOTICE 'lz4 is not available in this PostgreSQL build; the vector keeps the default compression';
END $$;
