-- 双随机一公开 (issue 21 part 2, ADR 0025): inspection items, inspectors with their declared relations, the versioned draw
-- rules, draws (seed, exact inputs and result recorded so anyone can re-run them; a re-draw supersedes, never replaces)
-- and the results per target.
CREATE TABLE inspection_items (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name        text NOT NULL UNIQUE,
    kind        text NOT NULL CHECK (kind IN ('key', 'general')),      -- 重点 / 一般
    basis       text NOT NULL DEFAULT '',                              -- 检查依据
    content     text NOT NULL DEFAULT '',                              -- 检查内容
    is_active   boolean NOT NULL DEFAULT true,
    created_at  timestamptz NOT NULL DEFAULT now()
);

-- 执法检查人员: staff of an org unit; certificate = 执法证号
CREATE TABLE inspectors (
    id                  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name                text NOT NULL,
    org_unit_id         bigint NOT NULL REFERENCES org_units(id),
    user_id             bigint REFERENCES users(id),
    certificate_number  text,
    is_active           boolean NOT NULL DEFAULT true,
    created_at          timestamptz NOT NULL DEFAULT now()
);

-- declared relations (回避): the inspector is never drawn for that agency
CREATE TABLE inspector_relations (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    inspector_id  bigint NOT NULL REFERENCES inspectors(id) ON DELETE CASCADE,
    agency_id     bigint NOT NULL REFERENCES agencies(id) ON DELETE CASCADE,
    relation      text NOT NULL,
    declared_on   date NOT NULL,
    UNIQUE (inspector_id, agency_id)
);

CREATE TABLE inspection_rules (
    version               integer PRIMARY KEY,
    share_percent         numeric NOT NULL CHECK (share_percent > 0 AND share_percent <= 100),
    weights               jsonb NOT NULL,                             -- grade → integer weight; "none" for ungraded agencies
    inspectors_per_target integer NOT NULL CHECK (inspectors_per_target >= 2),
    avoid_previous        boolean NOT NULL,                            -- never the inspectors of the agency's last inspection
    note                  text,
    created_by            bigint,
    created_at            timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE inspection_draws (
    id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    title             text NOT NULL,
    year              integer NOT NULL CHECK (year BETWEEN 1990 AND 2100),
    item_ids          bigint[] NOT NULL,
    rule_version      integer NOT NULL REFERENCES inspection_rules(version),
    algorithm         text NOT NULL,
    seed              text NOT NULL,                                   -- 32 random bytes, hex
    inputs            jsonb NOT NULL,                                  -- targets, inspectors, exclusions, counts: exactly what the algorithm read
    result            jsonb NOT NULL,                                  -- [{agencyId, inspectorIds}] in draw order
    status            text NOT NULL DEFAULT 'drawn' CHECK (status IN ('drawn', 'superseded')),
    supersedes_id     bigint REFERENCES inspection_draws(id),
    superseded_by_id  bigint REFERENCES inspection_draws(id),
    redraw_reason     text,                                            -- why this draw replaced the one it supersedes
    drawn_by          bigint,
    drawn_at          timestamptz NOT NULL DEFAULT now(),
    published_at      timestamptz
);

CREATE TABLE inspection_results (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    draw_id       bigint NOT NULL REFERENCES inspection_draws(id) ON DELETE CASCADE,
    agency_id     bigint NOT NULL REFERENCES agencies(id),
    outcome       text NOT NULL CHECK (outcome IN ('passed', 'no_issue', 'rectify', 'failed', 'unreachable')),
    findings      text NOT NULL DEFAULT '',
    inspected_on  date NOT NULL,
    recorded_by   bigint,
    recorded_at   timestamptz NOT NULL DEFAULT now(),
    published_at  timestamptz,
    UNIQUE (draw_id, agency_id)
);
CREATE INDEX inspection_results_agency ON inspection_results (agency_id, inspected_on);
