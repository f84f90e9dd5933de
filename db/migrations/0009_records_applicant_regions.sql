-- All-applicants attribution (ADR 0008): the region of every applicant, in the order of records.applicants, each with the
-- rule that found it (its address, or its name beginning with a province or city) and a confidence. Records imported
-- before this migration get theirs when their file is imported again (the content hash includes them).
ALTER TABLE records ADD COLUMN applicant_regions jsonb NOT NULL DEFAULT '[]';
