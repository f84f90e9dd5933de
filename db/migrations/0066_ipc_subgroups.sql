-- IPC subgroup search (issue 19 §2, ADR 0072): a subgroup prefix (分类号=(A61K36/75), H01M10/05) was found by reading every
-- record of its main group from ipc_classes and checking the symbols of each: A61K 36 holds 123,393 of 5,000,000 records,
-- so A61K 36/75 (6,025) cost 550 ms. This index holds, for each symbol of a record, its main group with the first two
-- subgroup digits (A61K 36/75 for A61K 36/752): one lookup finds the records of a two-digit prefix, a longer one is checked on
-- the symbols of those records only. IMMUTABLE: the keys depend on the symbols alone. COST 1000 (plpgsql, a few µs a
-- row): where the planner filters rows instead of looking them up, it checks the symbols themselves first.
CREATE OR REPLACE FUNCTION records_ipc_subgroups(ipc text[]) RETURNS text[]
    LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE STRICT COST 1000 AS $$
DECLARE
    s text;
    k text;
    keys text[] := '{}';
BEGIN
    FOREACH s IN ARRAY ipc LOOP
        IF strpos(s, '/') > 0 THEN
            k := left(s, strpos(s, '/') + 2);
            IF NOT k = ANY (keys) THEN keys := keys || k; END IF;
        END IF;
    END LOOP;
    RETURN keys;
END $$;

CREATE INDEX IF NOT EXISTS records_ipc_subgroups ON records USING gin (records_ipc_subgroups(ipc)) WITH (gin_pending_list_limit = '16384');
