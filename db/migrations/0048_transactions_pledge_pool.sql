-- Transactions · the risk-compensation pool (风险补偿资金池, issue 22 §2, ADR 0034): one pool per year with its fund size and
-- loss-sharing rules, contributions, member banks and enterprises, claims on defaulted pledges with their computed split,
-- the bureau's review and the payouts. The balance is contributions minus payouts.
CREATE TABLE pledge_pools (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    year           integer NOT NULL UNIQUE CHECK (year BETWEEN 2000 AND 2100),
    fund_size      numeric(16, 2) NOT NULL CHECK (fund_size >= 0),     -- 资金池规模 (元)
    share_fund     numeric(5, 2) NOT NULL CHECK (share_fund >= 0),     -- loss shares in percent: fund : bank : insurer : valuer
    share_bank     numeric(5, 2) NOT NULL CHECK (share_bank >= 0),
    share_insurer  numeric(5, 2) NOT NULL CHECK (share_insurer >= 0),
    share_valuer   numeric(5, 2) NOT NULL CHECK (share_valuer >= 0),
    cap_per_loan   numeric(16, 2) NOT NULL CHECK (cap_per_loan >= 0),  -- the fund's share per loan at most (元)
    cap_per_year   numeric(16, 2) NOT NULL CHECK (cap_per_year >= 0),  -- the fund's shares of the year's approved claims at most (元)
    note           text,
    is_example     boolean NOT NULL DEFAULT false,
    created_by     bigint,
    created_at     timestamptz NOT NULL DEFAULT now(),
    updated_at     timestamptz NOT NULL DEFAULT now(),
    CHECK (share_fund + share_bank + share_insurer + share_valuer = 100)
);

CREATE TABLE pledge_pool_contributions (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    pool_id      bigint NOT NULL REFERENCES pledge_pools(id) ON DELETE CASCADE,
    contributor  text NOT NULL,                                       -- 市级财政, 省级奖补 …
    amount       numeric(16, 2) NOT NULL CHECK (amount > 0),
    paid_on      date NOT NULL,
    note         text,
    created_by   bigint,
    created_at   timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE pledge_pool_members (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    pool_id       bigint NOT NULL REFERENCES pledge_pools(id) ON DELETE CASCADE,
    kind          text NOT NULL CHECK (kind IN ('bank', 'enterprise')),
    bank_unit_id  bigint REFERENCES org_units(id),
    entity_id     bigint REFERENCES entities(id),
    joined_on     date NOT NULL,
    left_on       date,
    note          text,
    created_by    bigint,
    created_at    timestamptz NOT NULL DEFAULT now(),
    CHECK ((kind = 'bank') = (bank_unit_id IS NOT NULL) AND (kind = 'enterprise') = (entity_id IS NOT NULL)),
    CHECK (left_on IS NULL OR left_on >= joined_on)
);
CREATE UNIQUE INDEX pledge_pool_members_bank ON pledge_pool_members (pool_id, bank_unit_id) WHERE bank_unit_id IS NOT NULL;
CREATE UNIQUE INDEX pledge_pool_members_entity ON pledge_pool_members (pool_id, entity_id) WHERE entity_id IS NOT NULL;

CREATE TABLE pledge_claims (
    id                     bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    pool_id                bigint NOT NULL REFERENCES pledge_pools(id),
    pledge_id              bigint NOT NULL REFERENCES pledges(id),
    outstanding_principal  numeric(16, 2) NOT NULL,
    recovered              numeric(16, 2) NOT NULL,
    loss                   numeric(16, 2) NOT NULL,
    fund_share             numeric(16, 2) NOT NULL,
    bank_share             numeric(16, 2) NOT NULL,
    insurer_share          numeric(16, 2) NOT NULL,
    valuer_share           numeric(16, 2) NOT NULL,
    fund_excess            numeric(16, 2) NOT NULL DEFAULT 0,           -- what the caps moved from the fund to the bank
    split_note             text,
    state                  text NOT NULL DEFAULT 'submitted' CHECK (state IN ('submitted', 'approved', 'rejected')),
    reason                 text,                                        -- the review's reason (required to reject)
    submitted_by           bigint,
    submitted_at           timestamptz NOT NULL DEFAULT now(),
    reviewed_by            bigint,
    reviewed_at            timestamptz,
    note                   text
);
-- one open or approved claim per pledge; a rejected one may be filed again
CREATE UNIQUE INDEX pledge_claims_pledge ON pledge_claims (pledge_id) WHERE state <> 'rejected';

CREATE TABLE pledge_claim_payouts (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    claim_id    bigint NOT NULL REFERENCES pledge_claims(id),
    amount      numeric(16, 2) NOT NULL CHECK (amount > 0),
    paid_on     date NOT NULL,
    note        text,
    created_by  bigint,
    created_at  timestamptz NOT NULL DEFAULT now()
);
