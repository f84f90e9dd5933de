-- Records data centre: reference data (ref_*), resolved entities, records, imports.
-- Reference tables are prefixed ref_ (loaded from the data folder; kept by test resets).

CREATE TABLE ref_regions (
    code           text PRIMARY KEY,            -- 6-digit 国家统计局 code
    name           text NOT NULL,
    level          text NOT NULL CHECK (level IN ('province','city','county')),
    parent_code    text,
    province_code  text NOT NULL,
    city_code      text,
    is_dev_zone    boolean NOT NULL DEFAULT false
);
CREATE INDEX ref_regions_parent ON ref_regions (parent_code);

CREATE TABLE ref_population (
    region_code  text NOT NULL,
    year         integer NOT NULL,
    population   bigint NOT NULL CHECK (population > 0),
    basis        text NOT NULL,                 -- year-end resident population, census 2020-11-01, …
    source       text NOT NULL,
    PRIMARY KEY (region_code, year)
);

CREATE TABLE ref_ipc (
    symbol    text PRIMARY KEY,                 -- subclass 'A01B' or main group 'A01B 1/00'
    level     text NOT NULL,                    -- section, class, subclass, group
    title_en  text,
    title_zh  text
);

CREATE TABLE ref_industries (
    standard     text NOT NULL,                 -- 'GB/T 4754-2017' or 'GB/T 4754-2011'
    code         text NOT NULL,
    name         text NOT NULL,
    level        text NOT NULL,                 -- section, division, group, class
    parent_code  text,
    section      text,
    PRIMARY KEY (standard, code)
);

CREATE TABLE ref_ipc_industry (                 -- CNIPA 国际专利分类与国民经济行业分类参照关系表 (GB/T 4754-2011)
    ipc            text NOT NULL,               -- normalised symbol prefix, e.g. 'A01C 1' (group) or 'A01C' (subclass)
    industry_code  text NOT NULL,
    star           boolean NOT NULL DEFAULT false,
    PRIMARY KEY (ipc, industry_code)
);

CREATE TABLE ref_ipc_tech_fields (              -- WIPO IPC → 35 technology fields (Schmoch)
    pattern     text NOT NULL,                  -- SQL LIKE pattern on the compact symbol
    field_no    integer NOT NULL,
    field_name  text NOT NULL,
    sector      text NOT NULL,
    PRIMARY KEY (pattern, field_no)
);

CREATE TABLE ref_nice_classes (
    class_no  integer PRIMARY KEY CHECK (class_no BETWEEN 1 AND 45),
    name      text NOT NULL,
    description text
);

CREATE TABLE ref_nice_groups (
    group_code  text PRIMARY KEY,               -- 类似群 e.g. '0901'
    class_no    integer NOT NULL,
    name        text NOT NULL
);

CREATE TABLE ref_loaded (                      -- which reference sets were loaded from where
    name       text PRIMARY KEY,
    rows       integer NOT NULL,
    source     text NOT NULL,
    loaded_at  timestamptz NOT NULL DEFAULT now()
);

-- Resolved parties (applicants, owners): one row per matching key.
CREATE TABLE entities (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    match_key     text NOT NULL UNIQUE,         -- ApplicantName.NormaliseForMatching
    name          text NOT NULL,                -- display name (most recent spelling)
    kind          text NOT NULL,                -- enterprise, university, institute, individual, government, foreign, other
    credit_code   text,
    region_code   text,
    org_unit_id   bigint REFERENCES org_units(id),   -- the enterprise account that owns this entity, if any
    created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX entities_name_trgm ON entities USING gin (name gin_trgm_ops);

-- One row per right. record_key is the canonical identity (office, type, canonical application/registration number).
-- Citus: distribute on id; record_key uniqueness then lives in a record_keys table distributed by record_key (ADR 0007).
CREATE TABLE records (
    id                  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    record_key          text NOT NULL,
    right_type          text NOT NULL,
    office              text NOT NULL DEFAULT 'CN',
    application_number  text,
    application_date    date,
    publication_number  text,
    publication_kind    text,
    publication_date    date,
    grant_number        text,
    grant_date          date,
    title               text,
    abstract            text,
    claims              text,
    first_applicant     text,
    applicants          text[] NOT NULL DEFAULT '{}',
    applicant_keys      text[] NOT NULL DEFAULT '{}',   -- matching keys of the applicants (entity resolution)
    applicant_entity_ids bigint[] NOT NULL DEFAULT '{}',
    applicant_kind      text,
    inventors           text[] NOT NULL DEFAULT '{}',
    agents              text[] NOT NULL DEFAULT '{}',
    agency              text,
    address             text,
    postcode            text,
    province_code       text,
    city_code           text,
    county_code         text,
    region_rule         text,
    region_confidence   real,
    region_explanation  text,
    ipc_main            text,
    ipc                 text[] NOT NULL DEFAULT '{}',
    ipc_classes         text[] NOT NULL DEFAULT '{}',   -- 'B07', 'B07C' for facets and prefix filters
    locarno             text[] NOT NULL DEFAULT '{}',
    nice                text[] NOT NULL DEFAULT '{}',
    industries          jsonb NOT NULL DEFAULT '[]',    -- [{code, weight}] GB/T 4754-2011 classes
    industry_codes      text[] NOT NULL DEFAULT '{}',   -- class codes plus their division and section, for filters
    tech_fields         integer[] NOT NULL DEFAULT '{}',
    events              jsonb NOT NULL DEFAULT '[]',    -- [{code, date, description}] ST.27-style
    status              text,
    status_date         date,                           -- date of the event that set the status
    priorities          text[] NOT NULL DEFAULT '{}',
    search_text         text NOT NULL DEFAULT '',       -- the text the phrase check reads (title, abstract, claims, parties, address)
    search_vector       tsvector NOT NULL DEFAULT ''::tsvector,
    source_format       text,
    source_file         text,
    source_ref          text,
    import_id           bigint,
    parties             jsonb NOT NULL DEFAULT '[]',    -- parties as written in the source: [{role, name, address, country, postcode}]
    extra               jsonb NOT NULL DEFAULT '{}',    -- type-specific and unmapped source fields (法律状态, 商标名称, 主权项 …)
    source_hashes       text[] NOT NULL DEFAULT '{}',   -- hashes of every source row merged in: re-importing one changes nothing
    created_at          timestamptz NOT NULL DEFAULT now(),
    updated_at          timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX records_record_key ON records (record_key);
-- a large pending list lets bulk imports add to the GIN indexes in big merges instead of row by row
CREATE INDEX records_search ON records USING gin (search_vector) WITH (gin_pending_list_limit = 65536);
CREATE INDEX records_app_date ON records (application_date);
CREATE INDEX records_pub_date ON records (publication_date);
CREATE INDEX records_grant_date ON records (grant_date) WHERE grant_date IS NOT NULL;
CREATE INDEX records_region ON records (province_code, city_code, county_code);
CREATE INDEX records_ipc_classes ON records USING gin (ipc_classes) WITH (gin_pending_list_limit = 16384);
CREATE INDEX records_industries ON records USING gin (industry_codes) WITH (gin_pending_list_limit = 16384);
CREATE INDEX records_entities ON records USING gin (applicant_entity_ids) WITH (gin_pending_list_limit = 16384);
CREATE INDEX records_type ON records (right_type);

-- Imports: one row per uploaded file; the work runs as a job in batches, each committed with its checkpoint.
CREATE TABLE imports (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    file_id       bigint REFERENCES stored_files(id),
    file_name     text NOT NULL,
    format        text NOT NULL,
    encoding      text,
    mapping_id    bigint,
    status        text NOT NULL DEFAULT 'queued',
    job_id        bigint,
    rows_read     bigint NOT NULL DEFAULT 0,
    inserted      bigint NOT NULL DEFAULT 0,
    updated       bigint NOT NULL DEFAULT 0,
    unchanged     bigint NOT NULL DEFAULT 0,
    rejected      bigint NOT NULL DEFAULT 0,
    batches_done  integer NOT NULL DEFAULT 0,   -- resume point: batches fully committed
    message       text,
    created_by    bigint,
    created_at    timestamptz NOT NULL DEFAULT now(),
    started_at    timestamptz,
    finished_at   timestamptz,
    duration_ms   bigint
);

CREATE TABLE import_rejections (
    import_id   bigint NOT NULL REFERENCES imports(id) ON DELETE CASCADE,
    row_number  bigint NOT NULL,
    field       text NOT NULL,
    value       text,
    reason      text NOT NULL,
    whole_row   boolean NOT NULL              -- true: the row was not imported; false: only this value was dropped
);
CREATE INDEX import_rejections_import ON import_rejections (import_id, row_number);

CREATE TABLE import_mappings (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name        text NOT NULL UNIQUE,
    mapping     jsonb NOT NULL,                -- {targetField: sourceColumn}
    built_in    boolean NOT NULL DEFAULT false,
    created_by  bigint,
    created_at  timestamptz NOT NULL DEFAULT now()
);
