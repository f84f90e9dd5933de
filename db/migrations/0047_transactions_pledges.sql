-- Transactions · pledges (issue 22 §2 and the valuation bullet of §4, ADR 0033): valuations (评估) made by an agency for a
-- client entity, pledges (质押融资) of rights to a bank unit with their state machine and its event rows. A right is stored
-- as its kind, canonical number and record (RightReferences); the gazette's pledge events are linked by number and date
-- window at read time (ADR 0033), so an import of legal-status events links without a write here.
CREATE TABLE pledge_valuations (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    agency_id       bigint NOT NULL REFERENCES agencies(id),          -- the valuer (评估机构)
    entity_id       bigint NOT NULL REFERENCES entities(id),          -- the client (委托方)
    method          text NOT NULL CHECK (method IN ('cost', 'market', 'income')),
    value           numeric(16, 2) NOT NULL CHECK (value > 0),         -- 元
    valued_on       date NOT NULL,
    rights          jsonb NOT NULL DEFAULT '[]',                      -- [{kind, number, recordId, title}]
    report_file_id  bigint REFERENCES stored_files(id) ON DELETE SET NULL,
    note            text,
    is_example      boolean NOT NULL DEFAULT false,
    created_by      bigint,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX pledge_valuations_agency ON pledge_valuations (agency_id);
CREATE INDEX pledge_valuations_entity ON pledge_valuations (entity_id);

CREATE TABLE pledges (
    id                    bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    entity_id             bigint NOT NULL REFERENCES entities(id),    -- pledgor (出质人)
    bank_unit_id          bigint NOT NULL REFERENCES org_units(id),   -- pledgee (质权人): an org unit of kind bank
    amount                numeric(16, 2) NOT NULL CHECK (amount > 0), -- secured amount (元)
    term_from             date NOT NULL,
    term_to               date NOT NULL,
    valuation_id          bigint REFERENCES pledge_valuations(id),
    registration_number   text,                                       -- 质押登记号
    registered_on         date,                                       -- 登记生效日
    state                 text NOT NULL DEFAULT 'applied'
                          CHECK (state IN ('applied', 'effective', 'changed', 'released', 'defaulted', 'disposed')),
    released_on           date,
    defaulted_on          date,
    outstanding_principal numeric(16, 2) CHECK (outstanding_principal >= 0),  -- at default (元)
    recovered_amount      numeric(16, 2) CHECK (recovered_amount >= 0),       -- by the disposal (元)
    disposed_on           date,
    region_code           text,                                       -- the pledgor's region when applied (row filter, indicator)
    source                text NOT NULL DEFAULT 'apply' CHECK (source IN ('apply', 'import')),
    note                  text,
    is_example            boolean NOT NULL DEFAULT false,
    created_by            bigint,
    created_at            timestamptz NOT NULL DEFAULT now(),
    updated_at            timestamptz NOT NULL DEFAULT now(),
    CHECK (term_to >= term_from)
);
CREATE INDEX pledges_entity ON pledges (entity_id);
CREATE INDEX pledges_bank ON pledges (bank_unit_id);
CREATE INDEX pledges_region ON pledges (region_code text_pattern_ops);
CREATE UNIQUE INDEX pledges_registration_number ON pledges (registration_number) WHERE registration_number IS NOT NULL;

CREATE TABLE pledge_rights (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    pledge_id   bigint NOT NULL REFERENCES pledges(id) ON DELETE CASCADE,
    kind        text NOT NULL CHECK (kind IN ('patent', 'trademark')),
    number      text NOT NULL,                                        -- canonical application (registration) number
    record_id   bigint,
    title       text,
    UNIQUE (pledge_id, kind, number)
);
CREATE INDEX pledge_rights_number ON pledge_rights (number);
CREATE INDEX pledge_rights_record ON pledge_rights (record_id) WHERE record_id IS NOT NULL;

CREATE TABLE pledge_events (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    pledge_id   bigint NOT NULL REFERENCES pledges(id) ON DELETE CASCADE,
    action      text NOT NULL,                                        -- apply, register, change, release, default, dispose, import
    from_state  text,
    to_state    text NOT NULL,
    note        text,
    user_id     bigint,
    user_name   text NOT NULL,
    at          timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX pledge_events_pledge ON pledge_events (pledge_id, at);
