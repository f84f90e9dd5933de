-- 开放许可 (专利法 第五十条; issue 22 part Filings, ADR 0032): a right holder declares fee terms for one of its patents,
-- publishes and may withdraw the declaration; taking a licence creates a licence filing (licence_filings.open_licence_id).
CREATE TABLE open_licences (
    id                 bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    record_id          bigint NOT NULL,
    application_number text NOT NULL,
    title              text,
    right_type         text NOT NULL,
    application_date   date NOT NULL,
    holder_org_unit_id bigint REFERENCES org_units(id),
    holder_name        text NOT NULL,
    holder_credit_code text,
    region_code        text,
    fee_basis          text NOT NULL CHECK (fee_basis IN ('lump_sum', 'royalty', 'both')),
    amount             numeric(18, 2) CHECK (amount >= 0),
    royalty_rate       numeric(7, 4) CHECK (royalty_rate >= 0 AND royalty_rate <= 100),
    term_from          date NOT NULL,
    term_to            date NOT NULL,
    state              text NOT NULL DEFAULT 'draft' CHECK (state IN ('draft', 'published', 'withdrawn')),
    published_on       date,
    withdrawn_on       date,
    note               text,
    created_by         bigint REFERENCES users(id),
    created_at         timestamptz NOT NULL DEFAULT now(),
    updated_at         timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX open_licences_state ON open_licences (state);
ALTER TABLE licence_filings ADD CONSTRAINT licence_filings_open_licence FOREIGN KEY (open_licence_id) REFERENCES open_licences(id);
