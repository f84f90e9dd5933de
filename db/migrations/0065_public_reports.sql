-- Published reports on the portal (issue 25 §1, ADR 0060): the bureau marks a published navigation report version or a
-- published (locked) assessment as public; anonymous visitors list and download what is public. NULL = not public.
ALTER TABLE navigation_versions
    ADD COLUMN public_at timestamptz,
    ADD COLUMN public_by text;
ALTER TABLE assessment_schemes
    ADD COLUMN public_at timestamptz,
    ADD COLUMN public_by bigint,
    ADD CONSTRAINT assessment_public_published CHECK (public_at IS NULL OR status = 'published');
CREATE INDEX navigation_versions_public ON navigation_versions (public_at DESC) WHERE public_at IS NOT NULL;
CREATE INDEX assessment_schemes_public ON assessment_schemes (public_at DESC) WHERE public_at IS NOT NULL;
