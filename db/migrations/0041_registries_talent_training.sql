-- 服务与人才 · 人才 and 培训 (issue 21 §3, ADR 0027).

-- 人才: 知识产权总监, 知识产权工程师, 专利代理师, 高层次人才 … with their unit and region; counted by unit and region.
CREATE TABLE talents (
    id                  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name                text NOT NULL,
    category            text NOT NULL CHECK (category IN ('ip_director', 'ip_engineer', 'patent_attorney', 'high_level', 'other')),
    unit_name           text NOT NULL,
    org_unit_id         bigint REFERENCES org_units(id),
    region_code         text NOT NULL,
    qualification       text,                               -- 资格或称号 (知识产权师（中级）, 专利代理师资格 …)
    certificate_number  text,
    qualified_on        date,
    valid_until         date,
    left_on             date,                               -- 离职/调出: no longer counted from this day
    is_example          boolean NOT NULL DEFAULT false,
    note                text,
    created_by          bigint,
    created_at          timestamptz NOT NULL DEFAULT now(),
    updated_at          timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX talents_region ON talents (region_code);

-- 培训活动: the plan of an event; its region decides where its attendances count (知识产权培训人次)
CREATE TABLE training_events (
    id                  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    title               text NOT NULL,
    organiser           text NOT NULL,
    starts_on           date NOT NULL,
    ends_on             date NOT NULL,
    place               text,
    hours               numeric(5,1) NOT NULL CHECK (hours > 0),
    capacity            integer CHECK (capacity > 0),
    audience            text,
    region_code         text NOT NULL,
    description         text,
    registration_open   boolean NOT NULL DEFAULT true,
    cancelled_at        timestamptz,
    is_example          boolean NOT NULL DEFAULT false,
    created_by          bigint,
    created_at          timestamptz NOT NULL DEFAULT now(),
    updated_at          timestamptz NOT NULL DEFAULT now(),
    CHECK (ends_on >= starts_on)
);
CREATE INDEX training_events_starts ON training_events (starts_on DESC);

-- 报名 (self, a list entered by the bureau, an imported attendance list, or a walk-in at the QR code), 签到, 证书
CREATE TABLE training_registrations (
    id                      bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    event_id                bigint NOT NULL REFERENCES training_events(id) ON DELETE CASCADE,
    user_id                 bigint REFERENCES users(id),
    org_unit_id             bigint REFERENCES org_units(id),
    name                    text NOT NULL,
    unit_name               text,
    phone                   text,
    source                  text NOT NULL CHECK (source IN ('self', 'list', 'import', 'walk_in')),
    registered_by           bigint,
    registered_at           timestamptz NOT NULL DEFAULT now(),
    checked_in_at           timestamptz,
    check_in_method         text CHECK (check_in_method IN ('list', 'qr', 'import')),
    checked_in_by           bigint,
    certificate_number      text UNIQUE,
    certificate_issued_at   timestamptz,
    CHECK ((checked_in_at IS NULL) = (check_in_method IS NULL)),
    CHECK (certificate_number IS NULL OR checked_in_at IS NOT NULL)
);
CREATE UNIQUE INDEX training_registrations_user ON training_registrations (event_id, user_id) WHERE user_id IS NOT NULL;
CREATE UNIQUE INDEX training_registrations_person ON training_registrations (event_id, name, coalesce(phone, ''), coalesce(unit_name, ''));
CREATE INDEX training_registrations_event ON training_registrations (event_id);
CREATE INDEX training_registrations_checked_in ON training_registrations (checked_in_at) WHERE checked_in_at IS NOT NULL;
