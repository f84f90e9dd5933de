-- 创新主体 (issue 21 part 1; ADR 0022, 0023). The entity master is built on the entities table the records importer fills
-- (one row per applicant matching key): its id is the entity's persistent id. A row is either an entity or a redirect
-- (merged_into): the key of a former name, of an alias or of a merged entity resolves to the entity it points to.

ALTER TABLE entities
    ADD COLUMN master                   boolean NOT NULL DEFAULT false,  -- in the bureau's register (主体库)
    ADD COLUMN master_source            text,                            -- records | import | manual
    ADD COLUMN master_since             timestamptz,
    ADD COLUMN merged_into              bigint REFERENCES entities(id),  -- a redirect (always to an entity that is not one itself)
    ADD COLUMN name_key                 text,                            -- matching key of the current name once renamed (else match_key)
    ADD COLUMN credit_code_exception    text,                            -- why a code failing the GB 32100 check is accepted (admin)
    ADD COLUMN credit_code_exception_by text,
    ADD COLUMN credit_code_exception_at timestamptz,
    ADD COLUMN industry_code            text,                            -- GB/T 4754 division or class
    ADD COLUMN scale                    text,                            -- large | medium | small | micro
    ADD COLUMN address                  text,
    ADD COLUMN note                     text,
    ADD COLUMN record_count             integer NOT NULL DEFAULT 0,      -- records linked, refreshed by each resolution (sorting)
    ADD COLUMN updated_at               timestamptz NOT NULL DEFAULT now();

CREATE INDEX entities_merged_into ON entities (merged_into) WHERE merged_into IS NOT NULL;
CREATE UNIQUE INDEX entities_credit_code ON entities (credit_code) WHERE credit_code IS NOT NULL AND merged_into IS NULL;
CREATE INDEX entities_org_unit ON entities (org_unit_id) WHERE org_unit_id IS NOT NULL;
-- name search over the register only (ADR 0027: no trigram index over every applicant)
CREATE INDEX entities_master_name ON entities USING gin (name gin_trgm_ops) WHERE master AND merged_into IS NULL;
CREATE INDEX entities_master_region ON entities (region_code) WHERE master AND merged_into IS NULL;

-- 曾用名 and aliases. Every name key has an entities row (the entity itself or a redirect to it): the importer resolves a
-- later record written under a former name to the entity at once.
CREATE TABLE entity_names (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    entity_id   bigint NOT NULL REFERENCES entities(id),
    name        text NOT NULL,
    name_key    text NOT NULL UNIQUE,
    kind        text NOT NULL CHECK (kind IN ('former', 'alias')),
    valid_from  date,
    valid_to    date,
    source      text,
    moved_from  bigint REFERENCES entities(id),      -- came with a merge from this entity (a split can send it back)
    created_by  text,
    created_at  timestamptz NOT NULL DEFAULT now(),
    CHECK (valid_to IS NULL OR valid_from IS NULL OR valid_to >= valid_from)
);
CREATE INDEX entity_names_entity ON entity_names (entity_id);
CREATE INDEX entity_names_trgm ON entity_names USING gin (name gin_trgm_ops);

-- Labels with dates and sources: 高新技术企业, 专精特新, 知识产权示范/优势企业 (国家/省/市), 贯标 certificates.
CREATE TABLE entity_labels (
    id                 bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    entity_id          bigint NOT NULL REFERENCES entities(id),
    kind               text NOT NULL CHECK (kind IN ('high_tech', 'srdi', 'ip_demo', 'ip_advantage', 'ip_standard')),
    level              text CHECK (level IN ('national', 'province', 'city')),
    valid_from         date NOT NULL,
    valid_to           date,
    certificate_number text,
    certifying_body    text,
    source             text NOT NULL,                 -- the list, notice or certificate it comes from
    origin             text NOT NULL DEFAULT 'bureau' CHECK (origin IN ('bureau', 'import', 'programmes')),
    programme_ref      text,                          -- the programmes module's reference when it adds the label
    revoked_at         timestamptz,
    revoked_reason     text,
    moved_from         bigint REFERENCES entities(id),
    created_by         text,
    created_at         timestamptz NOT NULL DEFAULT now(),
    updated_at         timestamptz NOT NULL DEFAULT now(),
    CHECK (valid_to IS NULL OR valid_to >= valid_from),
    CHECK (kind <> 'ip_standard' OR (certificate_number IS NOT NULL AND certifying_body IS NOT NULL AND valid_to IS NOT NULL))
);
CREATE INDEX entity_labels_entity ON entity_labels (entity_id);
CREATE INDEX entity_labels_kind ON entity_labels (kind, valid_from);

-- Contacts: personal data, masked in every view that does not need them (Platform/Security/Masking).
CREATE TABLE entity_contacts (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    entity_id   bigint NOT NULL REFERENCES entities(id),
    name        text NOT NULL,
    title       text,
    phone       text,
    email       text,
    note        text,
    moved_from  bigint REFERENCES entities(id),
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX entity_contacts_entity ON entity_contacts (entity_id);

-- Decisions a person took about one party of one record (a manual link, an accepted correction). Keyed by the party's
-- matching key, not its position: the importer re-applies them when a later file merges into the record (ADR 0023).
CREATE TABLE entity_pins (
    record_id      bigint NOT NULL,
    party_key      text NOT NULL,
    entity_id      bigint NOT NULL REFERENCES entities(id),
    rule           text NOT NULL CHECK (rule IN ('manual', 'correction')),
    correction_id  bigint,
    decided_by     text,
    decided_at     timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (record_id, party_key)
);
CREATE INDEX entity_pins_entity ON entity_pins (entity_id);

-- The resolved links: one row per applicant of a record (its position in records.applicants), with the rule that linked it
-- and its confidence. records.applicant_entity_ids is the same list, in applicant order (indicators read it).
-- Citus: distributed by record_id beside records (no foreign key to records for that reason).
CREATE TABLE entity_links (
    record_id   bigint NOT NULL,
    position    smallint NOT NULL,
    party_key   text NOT NULL,
    party_name  text NOT NULL,
    entity_id   bigint NOT NULL,
    rule        text NOT NULL,                    -- exact | normalised | former_name | alias | manual | correction
    confidence  real NOT NULL,
    resolved_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (record_id, position)
);
CREATE INDEX entity_links_entity ON entity_links (entity_id);

-- Correction requests of an enterprise: "these records are ours" (claim) / "this one is not" (disclaim).
CREATE TABLE entity_corrections (
    id                 bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    entity_id          bigint NOT NULL REFERENCES entities(id),
    kind               text NOT NULL CHECK (kind IN ('claim', 'disclaim')),
    items              jsonb NOT NULL,            -- [{recordId, position, partyKey, partyName, applicationNumber, title, fromEntityId}]
    reason             text NOT NULL,
    status             text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'accepted', 'rejected')),
    org_unit_id        bigint,
    requested_by       bigint,
    requested_by_name  text NOT NULL,
    requested_at       timestamptz NOT NULL DEFAULT now(),
    reviewed_by        bigint,
    reviewed_by_name   text,
    reviewed_at        timestamptz,
    review_note        text,
    result             jsonb
);
CREATE INDEX entity_corrections_status ON entity_corrections (status, requested_at);
CREATE INDEX entity_corrections_entity ON entity_corrections (entity_id);

-- What happened to an entity, shown on its page (the audit log holds the same with before/after).
CREATE TABLE entity_history (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    entity_id        bigint NOT NULL,
    other_entity_id  bigint,
    action           text NOT NULL,
    summary          text NOT NULL,
    detail           jsonb,
    actor_name       text NOT NULL,
    at               timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX entity_history_entity ON entity_history (entity_id, at DESC);

-- Runs of the resolution (after imports, on demand, the benchmark).
CREATE TABLE entity_resolution_runs (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    job_id        bigint,
    scope         text NOT NULL,                  -- all | imports
    import_ids    bigint[] NOT NULL DEFAULT '{}',
    started_at    timestamptz NOT NULL DEFAULT now(),
    finished_at   timestamptz,
    records       bigint,
    parties       bigint,
    links_written bigint,
    links_removed bigint,
    ids_changed   bigint,
    master_added  integer,
    units_linked  integer,
    ms            bigint,
    by_rule       jsonb
);

-- The entity ids of a record's applicants in applicant order (one per applicant with a key, as the importer writes them):
-- the person's decision where one was taken, else the entity (or the redirect's target) of the key. The importer calls it
-- for the records a later file merges into, so that a correction survives the import (ADR 0023).
CREATE FUNCTION entity_resolved_ids(p_record bigint, p_keys text[]) RETURNS bigint[] LANGUAGE sql STABLE AS $$
    SELECT COALESCE(array_agg(x.id ORDER BY x.pos), '{}')
    FROM (SELECT k.pos, COALESCE(p.entity_id, e.merged_into, e.id) AS id
          FROM unnest(p_keys) WITH ORDINALITY k(key, pos)
          LEFT JOIN entity_pins p ON p.record_id = p_record AND p.party_key = k.key
          LEFT JOIN entities e ON e.match_key = k.key
          WHERE k.key <> '') x
    WHERE x.id IS NOT NULL
$$;
