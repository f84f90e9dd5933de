-- Custody (托管, issue 22 §4, ADR 0037): contracts between an enterprise (an entities row) and an agency (an agencies row)
-- over a set of rights; the contract's events (who, when, from, to, note) form its timeline. Watches: rights an enterprise
-- or agency follows without custody (one row per org unit and right). Both feed the renewal calendar (ADR 0038).
CREATE TABLE custody_contracts (
    id           bigserial PRIMARY KEY,
    entity_id    bigint NOT NULL REFERENCES entities (id),
    agency_id    bigint NOT NULL REFERENCES agencies (id),
    region_code  text,
    proposed_by  text NOT NULL CHECK (proposed_by IN ('enterprise', 'agency')),
    status       text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'active', 'terminated', 'expired')),
    start_date   date NOT NULL,
    end_date     date NOT NULL CHECK (end_date >= start_date),
    services     text[] NOT NULL DEFAULT '{}',
    fee          numeric(14, 2) CHECK (fee >= 0),
    note         text,
    created_by   bigint REFERENCES users (id),
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX custody_contracts_entity ON custody_contracts (entity_id);
CREATE INDEX custody_contracts_agency ON custody_contracts (agency_id);

CREATE TABLE custody_rights (
    id             bigserial PRIMARY KEY,
    contract_id    bigint NOT NULL REFERENCES custody_contracts (id) ON DELETE CASCADE,
    kind           text NOT NULL CHECK (kind IN ('patent', 'trademark')),
    number         text NOT NULL,
    record_id      bigint,
    title          text,
    holder_warning text,
    added_at       timestamptz NOT NULL DEFAULT now(),
    removed_at     timestamptz
);
CREATE UNIQUE INDEX custody_rights_live ON custody_rights (contract_id, kind, number) WHERE removed_at IS NULL;
CREATE INDEX custody_rights_record ON custody_rights (record_id);

CREATE TABLE custody_events (
    id          bigserial PRIMARY KEY,
    contract_id bigint NOT NULL REFERENCES custody_contracts (id) ON DELETE CASCADE,
    at          timestamptz NOT NULL DEFAULT now(),
    actor_id    bigint,
    actor_name  text NOT NULL,
    action      text NOT NULL,
    from_status text,
    to_status   text,
    note        text
);
CREATE INDEX custody_events_contract ON custody_events (contract_id, at);

CREATE TABLE custody_watches (
    id          bigserial PRIMARY KEY,
    org_unit_id bigint NOT NULL REFERENCES org_units (id),
    kind        text NOT NULL CHECK (kind IN ('patent', 'trademark')),
    number      text NOT NULL,
    record_id   bigint,
    title       text,
    created_by  bigint REFERENCES users (id),
    created_at  timestamptz NOT NULL DEFAULT now(),
    UNIQUE (org_unit_id, kind, number)
);
