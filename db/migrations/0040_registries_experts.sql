-- 服务与人才 · 专家库 (issue 21 §3, ADR 0026): experts with specialties from a controlled list, employer history, declared
-- relations (the facts the avoidance check reads), appointment documents (聘书, content in stored_files). The technical
-- investigators of protection cases are the active experts flagged as investigators; complaint_investigators points at them.

CREATE TABLE experts (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id         bigint UNIQUE REFERENCES users(id),     -- the expert's own account (role expert), which maintains the profile
    name            text NOT NULL,
    id_number       text,                                   -- 居民身份证号码: masked in every list and export
    phone           text,
    email           text,
    title           text,                                   -- 职称 (正高级工程师, 教授, 律师 …)
    employer        text,                                   -- 现工作单位
    position        text,                                   -- 职务
    region_code     text,
    specialties     text[] NOT NULL DEFAULT '{}',           -- codes of ExpertSpecialties (IPC sections A–H, 专利代理, 法律 …)
    bio             text,
    is_active       boolean NOT NULL DEFAULT true,          -- 在库 / 停用
    is_investigator boolean NOT NULL DEFAULT false,         -- 技术调查官
    appointed_on    date,                                   -- 聘任日期
    term_ends_on    date,                                   -- 聘期至
    is_example      boolean NOT NULL DEFAULT false,         -- 示例: demo data, never a real person
    note            text,
    created_by      bigint,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    CHECK (term_ends_on IS NULL OR appointed_on IS NULL OR term_ends_on >= appointed_on)
);
CREATE UNIQUE INDEX experts_id_number ON experts (id_number) WHERE id_number IS NOT NULL;
CREATE INDEX experts_specialties ON experts USING gin (specialties);
CREATE INDEX experts_name ON experts (name);

-- 工作经历: former and current employers (an employer of the last years is a ground for avoidance)
CREATE TABLE expert_employments (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    expert_id   bigint NOT NULL REFERENCES experts(id) ON DELETE CASCADE,
    employer    text NOT NULL,
    position    text,
    from_on     date,
    to_on       date
);
CREATE INDEX expert_employments_expert ON expert_employments (expert_id);

-- 申报的利害关系: what the expert declares so that the avoidance check can find it
CREATE TABLE expert_relations (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    expert_id   bigint NOT NULL REFERENCES experts(id) ON DELETE CASCADE,
    kind        text NOT NULL CHECK (kind IN ('employer', 'relative', 'relative_employer', 'stake', 'service', 'other')),
    party       text NOT NULL,                              -- the organisation or person the relation is with
    detail      text,                                       -- 配偶在该公司任职, 持股 5% …
    from_on     date,
    to_on       date
);
CREATE INDEX expert_relations_expert ON expert_relations (expert_id);

-- 聘书 and other documents of an expert; the bytes live in stored_files like every upload
CREATE TABLE expert_documents (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    expert_id   bigint NOT NULL REFERENCES experts(id) ON DELETE CASCADE,
    file_id     bigint NOT NULL REFERENCES stored_files(id),
    kind        text NOT NULL DEFAULT 'appointment' CHECK (kind IN ('appointment', 'qualification', 'other')),
    issued_on   date,
    uploaded_by bigint,
    uploaded_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX expert_documents_expert ON expert_documents (expert_id);

-- Protection's investigators now come from the pool. Until now the pool was the set of accounts with the role expert: each of
-- them becomes an expert row flagged as investigator (the account's unit, when it is a real employer, as employer), and every
-- appointment points at that row. user_id stays (the expert's account, which sees the case) but an expert needs none.
ALTER TABLE complaint_investigators ADD COLUMN expert_id bigint REFERENCES experts(id);
ALTER TABLE complaint_investigators ALTER COLUMN user_id DROP NOT NULL;
INSERT INTO experts (user_id, name, phone, email, employer, region_code, is_active, is_investigator, note)
SELECT u.id, u.display_name, u.phone, u.email, CASE WHEN o.kind <> 'expert_group' THEN o.name END, o.region_code, u.is_active, true,
       '由专家账号迁移（此前专家库即专家角色账号，均可选为技术调查官）'
FROM users u LEFT JOIN org_units o ON o.id = u.org_unit_id
WHERE u.role = 'expert';
UPDATE complaint_investigators ci SET expert_id = e.id FROM experts e WHERE e.user_id = ci.user_id;
CREATE UNIQUE INDEX complaint_investigators_expert ON complaint_investigators (complaint_id, expert_id) WHERE expert_id IS NOT NULL;
