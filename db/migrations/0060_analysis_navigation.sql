-- Patent navigation projects (专利导航, GB/T 39551-2020; issue 24 §1, ADR 0050, 0051). A project's scope is a records search
-- expression plus IPC, industry and year filters; its region of interest and comparison regions are code prefixes (two digits
-- a province, four a city, six a county; '' the nation). The draft narratives live on the project; publishing freezes them
-- with a snapshot of the computed analyses as a version.
CREATE TABLE navigation_projects (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name             text NOT NULL,
    kind             text NOT NULL CHECK (kind IN ('regional', 'industry', 'enterprise', 'rnd', 'talent')),
    q                text NOT NULL DEFAULT '',
    ipc              text[] NOT NULL DEFAULT '{}',
    industries       text[] NOT NULL DEFAULT '{}',
    year_from        integer NOT NULL,
    year_to          integer NOT NULL,
    region_prefix    text NOT NULL,
    comparison       text[] NOT NULL DEFAULT '{}',
    org_unit_id      bigint REFERENCES org_units (id),
    owner_id         bigint NOT NULL REFERENCES users (id),
    owner_name       text NOT NULL,
    narratives       jsonb NOT NULL DEFAULT '{}',   -- chapter key → the draft narrative
    created_at       timestamptz NOT NULL DEFAULT now(),
    updated_at       timestamptz NOT NULL DEFAULT now(),
    CHECK (year_from <= year_to)
);
CREATE INDEX navigation_projects_org ON navigation_projects (org_unit_id);
CREATE INDEX navigation_projects_region ON navigation_projects (region_prefix text_pattern_ops);

CREATE TABLE navigation_versions (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    project_id       bigint NOT NULL REFERENCES navigation_projects (id) ON DELETE CASCADE,
    number           integer NOT NULL,
    published_by     text NOT NULL,
    published_at     timestamptz NOT NULL DEFAULT now(),
    narratives       jsonb NOT NULL,
    snapshot         jsonb NOT NULL,                 -- scope, counts, data date and every analysis as shown then
    UNIQUE (project_id, number)
);
