-- No planner statistics for the columns no query filters or joins on (ADR 0011): the documents, the JSON kept for
-- display and for the indicators' jsonb_array_elements (whose estimates do not come from column statistics), the
-- phrase text (checked with strpos), the hashes and references. ANALYZE of the 2017 records took 2.3 s, 1.4 s without
-- them; it runs at the end of every bulk import and in autovacuum.
ALTER TABLE records
    ALTER COLUMN parties SET STATISTICS 0,
    ALTER COLUMN events SET STATISTICS 0,
    ALTER COLUMN extra SET STATISTICS 0,
    ALTER COLUMN industries SET STATISTICS 0,
    ALTER COLUMN applicant_regions SET STATISTICS 0,
    ALTER COLUMN search_text SET STATISTICS 0,
    ALTER COLUMN region_explanation SET STATISTICS 0,
    ALTER COLUMN abstract SET STATISTICS 0,
    ALTER COLUMN claims SET STATISTICS 0,
    ALTER COLUMN source_hashes SET STATISTICS 0,
    ALTER COLUMN source_ref SET STATISTICS 0,
    ALTER COLUMN inventors SET STATISTICS 0,
    ALTER COLUMN agents SET STATISTICS 0,
    ALTER COLUMN priorities SET STATISTICS 0;
