-- Issue 19: search by number (ADR 0015), field-qualified queries and saved searches (ADR 0016).

-- Numbers. A pasted application number is looked up by its canonical form, a publication or grant number by its number
-- with every kind code (CN106560782, CN106560782A, CN106560782A8 …): plain B-trees, a few probes per number.
CREATE INDEX IF NOT EXISTS records_application_number ON records (application_number);
CREATE INDEX IF NOT EXISTS records_publication_number ON records (publication_number);
CREATE INDEX IF NOT EXISTS records_grant_number ON records (grant_number);

-- The keys of a record's priorities (the sources write "KR 10-2013-0033547 20130328"): the number without the date that
-- may follow it, upper-case letters and digits only (KR1020130033547), and the same without its two-letter country
-- (1020130033547), so that a priority number is found however it is pasted. NumberForms.PriorityKey in the application
-- folds a pasted number the same way. Only records with priorities are indexed: the function runs for them alone.
CREATE OR REPLACE FUNCTION records_priority_numbers(priorities text[]) RETURNS text[]
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
    SELECT coalesce(array_agg(DISTINCT k), '{}')
    FROM unnest(priorities) p,
         LATERAL (SELECT upper(regexp_replace(regexp_replace(p, '^(.*[0-9].*?)\s+[0-9]{4}[-./]?[0-9]{1,2}[-./]?[0-9]{1,2}\s*$', '\1'),
                                             '[^0-9A-Za-z]', '', 'g')) AS n) x,
         LATERAL (VALUES (x.n), (CASE WHEN x.n ~ '^[A-Z]{2}[0-9]' THEN substr(x.n, 3) END)) v(k)
    WHERE k IS NOT NULL AND k <> ''
$$;
CREATE INDEX IF NOT EXISTS records_priority_numbers ON records USING gin (records_priority_numbers(priorities)) WHERE priorities <> '{}'::text[];

-- The agency is not in the search vector: an AG term reads the distinct names by skipping through this index (a few
-- thousand agencies in the whole country) and then finds the records of the matching names in it.
CREATE INDEX IF NOT EXISTS records_agency ON records (agency) WHERE agency IS NOT NULL;

-- A user's saved searches: the search box and the filters of the search page, re-run from the page.
CREATE TABLE IF NOT EXISTS saved_searches (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id     bigint NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    name        text NOT NULL,
    q           text NOT NULL DEFAULT '',
    filters     jsonb NOT NULL DEFAULT '{}',           -- {types, dateField, from, to, ipc, region, industry, applicant, status, sort}
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    UNIQUE (user_id, name)
);
