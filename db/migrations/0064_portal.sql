-- 门户 (issue 25 §1, ADR 0057–0059): the site's settings the admin configures and the content the bureau publishes.

-- one row: the header's and footer's texts; every column empty until the admin fills it (nothing invented is shown)
CREATE TABLE portal_site_settings (
    id               integer PRIMARY KEY CHECK (id = 1),
    site_name        text,                    -- the administration's name in the header (else the platform's name)
    sponsor          text,                    -- 主办单位
    organiser        text,                    -- 承办单位
    icp_number       text,                    -- ICP 备案号
    police_number    text,                    -- 公安机关备案号
    contact_address  text,
    contact_phone    text,
    contact_email    text,
    updated_at       timestamptz NOT NULL DEFAULT now(),
    updated_by       bigint REFERENCES users (id) ON DELETE SET NULL
);
INSERT INTO portal_site_settings (id) VALUES (1);

-- 新闻动态, 政策文件 and pages (联系我们, 网站声明): drafts and published items, HTML sanitised before it is stored
CREATE TABLE portal_content (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    kind             text NOT NULL CHECK (kind IN ('news', 'policy', 'page')),
    slug             text UNIQUE CHECK (slug ~ '^[a-z0-9-]{1,60}$'),
    title            text NOT NULL,
    summary          text,
    body_html        text NOT NULL DEFAULT '',
    -- 政策文件: the issuing authority and its document number (文号), as printed on the document
    issuer           text,
    doc_number       text,
    status           text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'published')),
    published_at     timestamptz,
    created_by       bigint REFERENCES users (id) ON DELETE SET NULL,
    created_at       timestamptz NOT NULL DEFAULT now(),
    updated_by       bigint REFERENCES users (id) ON DELETE SET NULL,
    updated_at       timestamptz NOT NULL DEFAULT now(),
    CHECK (status = 'draft' OR published_at IS NOT NULL)
);
CREATE INDEX portal_content_published ON portal_content (kind, published_at DESC) WHERE status = 'published';

