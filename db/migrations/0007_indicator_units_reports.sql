-- Custom assessment units, fractional counting lineage, progress-report attachments and reported values (ADRs 0105–0107).

-- A named unit made of several regions (沿海三区, a 园区 plus two 乡镇 …). Its code (U00001 …) is the region_code of its
-- indicator values; members are 6-digit codes of ref_regions, none contained in another (ADR 0105).
CREATE TABLE custom_units (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    code          text NOT NULL UNIQUE,
    name          text NOT NULL UNIQUE,
    description   text,
    parent_code   text,                          -- the smallest region containing every member (for listing)
    member_codes  text[] NOT NULL,
    created_by    bigint,
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now()
);

-- Lineage of a value: the members it was computed over (custom units), the progress report it came from and its version.
ALTER TABLE indicator_values ADD COLUMN member_codes text[];
ALTER TABLE indicator_values ADD COLUMN progress_report_id bigint REFERENCES progress_reports(id);
ALTER TABLE indicator_values ADD COLUMN value_version integer NOT NULL DEFAULT 1;

-- Earlier versions of a reported value: a later accepted report never overwrites silently (ADR 0106).
CREATE TABLE indicator_value_versions (
    id                  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    value_id            bigint NOT NULL REFERENCES indicator_values(id) ON DELETE CASCADE,
    value_version       integer NOT NULL,
    value               numeric,
    status              text NOT NULL,
    note                text,
    progress_report_id  bigint,
    reported_by         bigint,
    reported_unit_id    bigint,
    reviewed_by         bigint,
    reviewed_at         timestamptz,
    review_comment      text,
    computed_at         timestamptz,
    superseded_at       timestamptz NOT NULL DEFAULT now(),
    superseded_by_report bigint
);
CREATE INDEX indicator_value_versions_value ON indicator_value_versions (value_id);

-- Files attached to progress reports (content in stored_files). Uploaded before the report is sent (report_id NULL) or
-- added to a report awaiting review; downloadable by the bureau and the reporting unit only.
CREATE TABLE progress_report_files (
    file_id      bigint PRIMARY KEY REFERENCES stored_files(id) ON DELETE CASCADE,
    org_unit_id  bigint NOT NULL REFERENCES org_units(id),
    uploaded_by  bigint NOT NULL,
    report_id    bigint REFERENCES progress_reports(id) ON DELETE CASCADE,
    created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX progress_report_files_report ON progress_report_files (report_id);

-- Assessment of custom units: target kind 'custom' with the units chosen for the scheme; scores keyed by either unit.
ALTER TABLE assessment_schemes DROP CONSTRAINT assessment_schemes_target_kind_check;
ALTER TABLE assessment_schemes ADD CONSTRAINT assessment_schemes_target_kind_check CHECK (target_kind IN ('district','department','custom'));

CREATE TABLE assessment_scheme_units (
    scheme_id       bigint NOT NULL REFERENCES assessment_schemes(id) ON DELETE CASCADE,
    custom_unit_id  bigint NOT NULL REFERENCES custom_units(id),
    PRIMARY KEY (scheme_id, custom_unit_id)
);

ALTER TABLE assessment_scores DROP CONSTRAINT assessment_scores_pkey;
ALTER TABLE assessment_scores ALTER COLUMN org_unit_id DROP NOT NULL;
ALTER TABLE assessment_scores ADD COLUMN custom_unit_id bigint REFERENCES custom_units(id);
ALTER TABLE assessment_scores ADD CONSTRAINT assessment_scores_one_unit CHECK ((org_unit_id IS NULL) <> (custom_unit_id IS NULL));
CREATE UNIQUE INDEX assessment_scores_org ON assessment_scores (item_id, org_unit_id) WHERE org_unit_id IS NOT NULL;
CREATE UNIQUE INDEX assessment_scores_custom ON assessment_scores (item_id, custom_unit_id) WHERE custom_unit_id IS NOT NULL;
