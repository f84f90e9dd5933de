-- 运用 · 供需对接 (issue 22, ADR 0035, 0036): offers (成果) and needs (需求) with their review, stored top matches both ways,
-- and 对接 records from first contact to the licence/assignment filing.

CREATE TABLE market_listings (
    id              bigserial PRIMARY KEY,
    side            text NOT NULL CHECK (side IN ('offer', 'need')),
    org_unit_id     bigint NOT NULL REFERENCES org_units (id),
    title           text NOT NULL,
    description     text NOT NULL,
    ip_forms        text[] NOT NULL DEFAULT '{}',      -- patent, trademark, software, secret, design, other
    trade_modes     text[] NOT NULL DEFAULT '{}',      -- transfer, licence, equity, cooperation
    maturity        integer CHECK (maturity BETWEEN 1 AND 9),   -- offer: its TRL (GB/T 22900); need: the minimum it accepts
    price           numeric(16, 2),                    -- offer: 元, null = 面议
    budget          numeric(16, 2),                    -- need: 元, null = not stated
    ipc             text[] NOT NULL DEFAULT '{}',      -- 'A61K' (subclass) or 'A61K 31' (main group)
    industries      text[] NOT NULL DEFAULT '{}',      -- GB/T 4754-2011 classes or divisions of the records ('2710', '27')
    region_code     text,
    valid_until     date,                              -- offer: end of validity; need: deadline
    contact_name    text,
    contact_phone   text,
    contact_email   text,
    status          text NOT NULL DEFAULT 'draft',
    review_note     text,
    tokens          integer[] NOT NULL DEFAULT '{}',   -- search codes (SearchTokens) of title and description, sorted, distinct
    is_example      boolean NOT NULL DEFAULT false,
    created_by      bigint REFERENCES users (id),
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    published_at    timestamptz
);
CREATE INDEX market_listings_status ON market_listings (status, side);
CREATE INDEX market_listings_unit ON market_listings (org_unit_id);

CREATE TABLE market_listing_rights (
    id          bigserial PRIMARY KEY,
    listing_id  bigint NOT NULL REFERENCES market_listings (id) ON DELETE CASCADE,
    kind        text NOT NULL,
    number      text NOT NULL,
    record_id   bigint,
    title       text,
    UNIQUE (listing_id, kind, number)
);

CREATE TABLE market_listing_events (
    id          bigserial PRIMARY KEY,
    listing_id  bigint NOT NULL REFERENCES market_listings (id) ON DELETE CASCADE,
    from_status text,
    to_status   text NOT NULL,
    note        text,
    actor_id    bigint,
    actor_name  text NOT NULL,
    at          timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX market_listing_events_listing ON market_listing_events (listing_id, at);

-- A pair is kept while it is among the top matches of its need or of its offer (ADR 0036).
CREATE TABLE market_matches (
    need_id     bigint NOT NULL REFERENCES market_listings (id) ON DELETE CASCADE,
    offer_id    bigint NOT NULL REFERENCES market_listings (id) ON DELETE CASCADE,
    score       real NOT NULL,
    parts       jsonb NOT NULL,
    computed_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (need_id, offer_id)
);
CREATE INDEX market_matches_offer ON market_matches (offer_id, score DESC);
CREATE INDEX market_matches_need ON market_matches (need_id, score DESC);

CREATE TABLE market_deals (
    id                  bigserial PRIMARY KEY,
    need_id             bigint REFERENCES market_listings (id),
    offer_id            bigint REFERENCES market_listings (id),
    initiator_unit_id   bigint NOT NULL REFERENCES org_units (id),
    counterpart_unit_id bigint NOT NULL REFERENCES org_units (id),
    match_score         real,
    stage               text NOT NULL DEFAULT 'contacted',   -- contacted, met, signed, filed, terminated
    filing_number       text,
    filing_id           bigint,            -- licence_filings (the filings part) linked after the parts are merged, no key yet
    end_reason          text,
    created_by          bigint REFERENCES users (id),
    created_at          timestamptz NOT NULL DEFAULT now(),
    updated_at          timestamptz NOT NULL DEFAULT now(),
    CHECK (need_id IS NOT NULL OR offer_id IS NOT NULL)
);
CREATE INDEX market_deals_units ON market_deals (initiator_unit_id, counterpart_unit_id);
CREATE INDEX market_deals_created ON market_deals (created_at);

CREATE TABLE market_deal_events (
    id          bigserial PRIMARY KEY,
    deal_id     bigint NOT NULL REFERENCES market_deals (id) ON DELETE CASCADE,
    from_stage  text,
    to_stage    text NOT NULL,
    note        text,
    actor_id    bigint,
    actor_name  text NOT NULL,
    at          timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX market_deal_events_deal ON market_deal_events (deal_id, at);
