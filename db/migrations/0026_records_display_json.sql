-- The four JSON columns of records that are only ever read whole — parties as written, industry shares, extra source
-- fields, applicant regions — are stored as json (the text as written) instead of jsonb (ADR 0011, tenth-session
-- amendment). No query looks inside them (events, which queries unnest, stays jsonb), and the record page and the
-- merge read them back as text. Their input was the largest part of the import's COPY after the rows themselves: jsonb
-- parses the text into its binary form (2017 file, the four columns of 214,197 rows: 1.5–1.6 s of a core as text →
-- jsonb → text, 0.37 s as json, which only checks the syntax), and its binary form is 16 % larger (150 against 129 MB).
-- Changing the type rewrites the table and rebuilds its indexes (docs/operations.md gives the time at 5M records);
-- the type change resets the columns' storage and compression, set again as 0019 and 0020 left them (in the row, lz4),
-- and their statistics target (0018: none).
ALTER TABLE records
    ALTER COLUMN parties TYPE json USING parties::json,
    ALTER COLUMN parties SET DEFAULT '[]',
    ALTER COLUMN industries TYPE json USING industries::json,
    ALTER COLUMN industries SET DEFAULT '[]',
    ALTER COLUMN extra TYPE json USING extra::json,
    ALTER COLUMN extra SET DEFAULT '{}',
    ALTER COLUMN applicant_regions TYPE json USING applicant_regions::json,
    ALTER COLUMN applicant_regions SET DEFAULT '[]';
ALTER TABLE records
    ALTER COLUMN parties SET STORAGE MAIN,
    ALTER COLUMN industries SET STORAGE MAIN,
    ALTER COLUMN extra SET STORAGE MAIN,
    ALTER COLUMN applicant_regions SET STORAGE MAIN,
    ALTER COLUMN parties SET STATISTICS 0,
    ALTER COLUMN industries SET STATISTICS 0,
    ALTER COLUMN extra SET STATISTICS 0,
    ALTER COLUMN applicant_regions SET STATISTICS 0;
DO $$
BEGIN
    ALTER TABLE records
        ALTER COLUMN parties SET COMPRESSION lz4,
        ALTER COLUMN industries SET COMPRESSION lz4,
        ALTER COLUMN extra SET COMPRESSION lz4,
        ALTER COLUMN applicant_regions SET COMPRESSION lz4;
EXCEPTION WHEN feature_not_supported OR invalid_parameter_value THEN
    RAISE NOTICE 'lz4 is not available in this PostgreSQL build; records keeps the default compression';
END $$;
