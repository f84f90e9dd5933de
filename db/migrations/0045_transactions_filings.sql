-- 运用 · 许可/转让合同备案 (issue 22 part Filings, ADR 0031): a licence or assignment contract filed for 备案 with its parties,
-- the rights it concerns (checked against the records, RightReferences), its terms, and every change of state as an event.
CREATE TABLE licence_filings (
    id                 bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    kind               text NOT NULL CHECK (kind IN ('licence', 'assignment')),
    state              text NOT NULL DEFAULT 'draft'
                       CHECK (state IN ('draft', 'submitted', 'accepted', 'approved', 'refused', 'changing', 'cancelled')),
    version            integer NOT NULL DEFAULT 1,
    filing_number      text UNIQUE,                                     -- 备案号, assigned on 备案
    licence_type       text CHECK (licence_type IN ('exclusive', 'sole', 'ordinary', 'sublicence')),
    territory          text,
    term_from          date,
    term_to            date,
    fee_basis          text CHECK (fee_basis IN ('lump_sum', 'royalty', 'both')),
    amount             numeric(18, 2) CHECK (amount >= 0),               -- 元
    royalty_rate       numeric(7, 4) CHECK (royalty_rate >= 0 AND royalty_rate <= 100), -- per cent
    contract_date      date,
    effective_date     date,
    region_code        text,                                            -- of the local party
    agency_org_unit_id bigint REFERENCES org_units(id),                 -- 代理机构 filing on behalf of a client
    agency_name        text,
    owner_org_unit_id  bigint REFERENCES org_units(id),                 -- the unit whose user created it
    submitted_on       date,
    submitted_late     boolean NOT NULL DEFAULT false,                  -- after 3 months from the effective date (kept)
    accepted_on        date,
    decision_due       date,                                            -- 7 working days after acceptance
    decided_on         date,                                            -- 备案 date of the current version
    approved_on        date,                                            -- first 备案 date (the indicator's year)
    refusal_reason     text,
    cancelled_on       date,
    cancel_reason      text,
    approved_snapshot  jsonb,                                           -- the approved version while a change is reviewed
    open_licence_id    bigint,
    source             text NOT NULL DEFAULT 'form' CHECK (source IN ('form', 'import', 'open_licence')),
    note               text,
    created_by         bigint REFERENCES users(id),
    created_at         timestamptz NOT NULL DEFAULT now(),
    updated_at         timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX licence_filings_state ON licence_filings (state);
CREATE INDEX licence_filings_region ON licence_filings (region_code);

CREATE TABLE licence_filing_parties (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    filing_id    bigint NOT NULL REFERENCES licence_filings(id) ON DELETE CASCADE,
    role         text NOT NULL CHECK (role IN ('licensor', 'licensee', 'assignor', 'assignee')),
    seq          integer NOT NULL DEFAULT 0,
    entity_id    bigint,                                                -- entities register, when registered
    org_unit_id  bigint REFERENCES org_units(id),                       -- the party's account unit (row filter of enterprises)
    name         text NOT NULL,
    credit_code  text
);
CREATE INDEX licence_filing_parties_filing ON licence_filing_parties (filing_id);
CREATE INDEX licence_filing_parties_unit ON licence_filing_parties (org_unit_id) WHERE org_unit_id IS NOT NULL;

CREATE TABLE licence_filing_rights (
    id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    filing_id         bigint NOT NULL REFERENCES licence_filings(id) ON DELETE CASCADE,
    seq               integer NOT NULL DEFAULT 0,
    kind              text NOT NULL CHECK (kind IN ('patent', 'trademark')),
    number            text NOT NULL,                                    -- canonical application (registration) number
    record_id         bigint,
    title             text,
    right_type        text,
    application_date  date
);
CREATE INDEX licence_filing_rights_filing ON licence_filing_rights (filing_id);
CREATE INDEX licence_filing_rights_number ON licence_filing_rights (number);
CREATE INDEX licence_filing_rights_record ON licence_filing_rights (record_id) WHERE record_id IS NOT NULL;

CREATE TABLE licence_filing_events (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    filing_id   bigint NOT NULL REFERENCES licence_filings(id) ON DELETE CASCADE,
    action      text NOT NULL,
    from_state  text,
    to_state    text NOT NULL,
    version     integer NOT NULL,
    note        text,
    actor_id    bigint REFERENCES users(id),
    actor_name  text NOT NULL,
    at          timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX licence_filing_events_filing ON licence_filing_events (filing_id, at);
