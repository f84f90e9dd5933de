-- Renewal calendar (ADR 0038): a due item of a right (an annual fee of patent year N, a trademark renewal of cycle N) marked
-- paid — a fact about the right, shared by everyone who follows it — and a right recorded as lapsed once the grace period
-- of an item passed unpaid (at most one lapse per right).
CREATE TABLE custody_payments (
    id           bigserial PRIMARY KEY,
    kind         text NOT NULL CHECK (kind IN ('patent', 'trademark')),
    number       text NOT NULL,
    record_id    bigint,
    item_kind    text NOT NULL CHECK (item_kind IN ('annual_fee', 'tm_renewal')),
    period       int NOT NULL CHECK (period >= 1),
    due_date     date NOT NULL,
    amount       numeric(14, 2),
    surcharge    numeric(14, 2),
    paid_on      date NOT NULL,
    receipt_no   text NOT NULL,
    paid_by      bigint REFERENCES users (id),
    paid_by_name text NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    UNIQUE (kind, number, item_kind, period)
);

CREATE TABLE custody_lapses (
    id          bigserial PRIMARY KEY,
    kind        text NOT NULL CHECK (kind IN ('patent', 'trademark')),
    number      text NOT NULL,
    record_id   bigint,
    item_kind   text NOT NULL,
    period      int NOT NULL,
    due_date    date NOT NULL,
    grace_end   date NOT NULL,
    recorded_at timestamptz NOT NULL DEFAULT now(),
    UNIQUE (kind, number)
);
