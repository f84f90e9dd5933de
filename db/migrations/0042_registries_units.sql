-- 服务与人才 · 试点示范单位, 地理标志, 植物新品种, 非物质文化遗产 (issue 21 part 4; ADR 0028, 0029).
-- Codes are stored (kind, level, status …); their Chinese names live in the module (RegistryUnitVocabulary).

-- Pilot and demonstration units (强县, 示范园区, 试点学校, 保护中心, 工作站 …). A unit seeded from a plan keeps the plan's title and
-- the sentence that names it (source_title, source_quote); dates and document numbers are left empty unless known.
CREATE TABLE pilot_units (
    id                 bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    kind               text NOT NULL,
    level              text,
    name               text NOT NULL,
    region_code        text NOT NULL,
    recognising_body   text,
    document_number    text,
    recognised_on      date,
    valid_until        date,
    status             text NOT NULL,
    notes              text,
    source_title       text,
    source_quote       text,
    seed_key           text UNIQUE,
    created_by         bigint,
    created_at         timestamptz NOT NULL DEFAULT now(),
    updated_at         timestamptz NOT NULL DEFAULT now(),
    CHECK (valid_until IS NULL OR recognised_on IS NULL OR valid_until >= recognised_on)
);
CREATE INDEX pilot_units_region ON pilot_units (region_code text_pattern_ops);
CREATE UNIQUE INDEX pilot_units_identity ON pilot_units (kind, COALESCE(level, ''), name, region_code);

-- Yearly evaluations (年度评价 / 复核) of a unit.
CREATE TABLE pilot_unit_evaluations (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    unit_id      bigint NOT NULL REFERENCES pilot_units(id) ON DELETE CASCADE,
    year         integer NOT NULL CHECK (year BETWEEN 1985 AND 2100),
    result       text NOT NULL,
    evaluated_by text,
    notes        text,
    created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX pilot_unit_evaluations_unit ON pilot_unit_evaluations (unit_id, year);

-- Geographical indications: 地理标志证明商标 / 集体商标 (CNIPA trademark registrations), 地理标志产品, 农产品地理标志.
-- The protected area (产地范围) is one or more region codes; 地理标志商标量 counts by it (ADR 0028).
CREATE TABLE geo_indications (
    id                  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    product             text NOT NULL,
    kind                text NOT NULL,
    region_codes        text[] NOT NULL CHECK (cardinality(region_codes) > 0),
    area_description    text,
    holder              text NOT NULL,
    holder_credit_code  text,
    registration_number text,
    registered_on       date,
    valid_until         date,
    ended_on            date,
    status              text NOT NULL,
    approving_body      text,
    notes               text,
    created_by          bigint,
    created_at          timestamptz NOT NULL DEFAULT now(),
    updated_at          timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX geo_indications_number ON geo_indications (kind, registration_number) WHERE registration_number IS NOT NULL;
CREATE INDEX geo_indications_regions ON geo_indications USING gin (region_codes);

-- Enterprises authorised to use a GI (核准使用 / 授权使用).
CREATE TABLE geo_indication_users (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    gi_id            bigint NOT NULL REFERENCES geo_indications(id) ON DELETE CASCADE,
    enterprise       text NOT NULL,
    credit_code      text,
    authorised_on    date,
    valid_until      date,
    notes            text,
    created_at       timestamptz NOT NULL DEFAULT now(),
    UNIQUE (gi_id, enterprise)
);

-- Plant variety rights (植物新品种权).
CREATE TABLE plant_varieties (
    id                  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name                text NOT NULL,
    crop                text NOT NULL,
    holder              text NOT NULL,
    region_code         text NOT NULL,
    application_number  text,
    right_number        text UNIQUE,
    applied_on          date,
    granted_on          date,
    valid_until         date,
    status              text NOT NULL,
    notes               text,
    created_by          bigint,
    created_at          timestamptz NOT NULL DEFAULT now(),
    updated_at          timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX plant_varieties_region ON plant_varieties (region_code text_pattern_ops);

-- 非物质文化遗产 items and their representative inheritors (代表性传承人; phone and ID number are personal data, ADR 0029).
CREATE TABLE heritage_items (
    id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name              text NOT NULL,
    level             text NOT NULL,
    category          text NOT NULL,
    region_code       text NOT NULL,
    project_number    text,
    listed_year       integer CHECK (listed_year BETWEEN 1949 AND 2100),
    protection_unit   text,
    notes             text,
    created_by        bigint,
    created_at        timestamptz NOT NULL DEFAULT now(),
    updated_at        timestamptz NOT NULL DEFAULT now(),
    UNIQUE (level, name, region_code)
);
CREATE INDEX heritage_items_region ON heritage_items (region_code text_pattern_ops);

CREATE TABLE heritage_inheritors (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    item_id         bigint NOT NULL REFERENCES heritage_items(id) ON DELETE CASCADE,
    name            text NOT NULL,
    level           text,
    recognised_year integer CHECK (recognised_year BETWEEN 1949 AND 2100),
    phone           text,
    id_number       text,
    notes           text
);
CREATE INDEX heritage_inheritors_item ON heritage_inheritors (item_id);

-- Attachments of these registers (content in stored_files, the platform's file store): owner is pilot, evaluation, gi,
-- variety or heritage and owner_id its row; deleting the owner row leaves no orphan because the handler deletes the files.
CREATE TABLE registry_unit_files (
    file_id     bigint PRIMARY KEY REFERENCES stored_files(id) ON DELETE CASCADE,
    owner       text NOT NULL CHECK (owner IN ('pilot', 'evaluation', 'gi', 'variety', 'heritage')),
    owner_id    bigint NOT NULL,
    description text,
    uploaded_by bigint,
    created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX registry_unit_files_owner ON registry_unit_files (owner, owner_id);
