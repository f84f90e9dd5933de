using System.Diagnostics;
using System.Text.Json;
using Zhichan.Api.Features.Records.Normalisation;

namespace Zhichan.Api.Features.Registries.Entities;

/// <summary>Which records a resolution looks at.</summary>
public abstract record ResolutionScope
{
    /// <summary>Every record.</summary>
    public sealed record All : ResolutionScope;
    /// <summary>The records the given imports wrote or merged into.</summary>
    public sealed record Imports(long[] Ids) : ResolutionScope;
    /// <summary>The records linked to the given entities (by their ids, their links or a person's decision).</summary>
    public sealed record Entities(long[] Ids) : ResolutionScope;
    /// <summary>The given records.</summary>
    public sealed record Records(long[] Ids) : ResolutionScope;
}

/// <summary>What one resolution did.</summary>
public sealed record ResolutionOutcome(long Records, long Parties, long LinksWritten, long LinksRemoved, long IdsChanged, int MasterAdded, int UnitsLinked,
    long Ms, IReadOnlyDictionary<string, long> ByRule);

/// <summary>
/// Resolves the applicants of records to entities (ADR 0023), set-based inside the caller's transaction, holding the
/// records writers' lock (an import batch, a merge, a correction never interleave with it):
/// <list type="number">
/// <item>each applicant with a matching key gets the entity a person decided for it (<c>entity_pins</c>: manual, correction),
/// else the entity of its key — or the one the key redirects to (a former name, an alias, a merged entity);</item>
/// <item>the rule is named: the party's name equal to the entity's (exact), its key equal to the entity's (normalised),
/// a former name, an alias; with the rule's confidence (<see cref="LinkRules.Confidence"/>);</item>
/// <item><c>entity_links</c> takes the result (only rows that change are written), <c>records.applicant_entity_ids</c> the
/// same ids in applicant order where they differ (with <c>updated_at</c>, so indicators recompute those years), and the
/// entities touched their record counts;</item>
/// <item>the entities of the bureau's jurisdiction enter the register (no credit code is invented: only what records
/// give), and enterprise accounts are linked to their entity by credit code or name.</item>
/// </list>
/// </summary>
public static class EntityResolution
{
    private const int Timeout = 3600;

    public static async Task<ResolutionOutcome> RunAsync(NpgsqlConnection conn, NpgsqlTransaction tx, ResolutionScope scope, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        await Exec(conn, tx, AdvisoryLocks.XactLock(AdvisoryLocks.RecordWrites), null, ct);
        // a merge inside a name's registration resolves twice in one transaction
        await Exec(conn, tx, "DROP TABLE IF EXISTS pg_temp.res_scope, pg_temp.res_links, pg_temp.res_touched", null, ct);
        var all = scope is ResolutionScope.All;
        if (!all)
        {
            await Exec(conn, tx, "CREATE TEMP TABLE res_scope (id bigint PRIMARY KEY) ON COMMIT DROP", null, ct);
            switch (scope)
            {
                case ResolutionScope.Imports i:
                    await Exec(conn, tx, "INSERT INTO res_scope SELECT id FROM records WHERE import_id = ANY(@ids) ON CONFLICT DO NOTHING", new { ids = i.Ids }, ct);
                    break;
                case ResolutionScope.Entities e:
                    await Exec(conn, tx, """
                        INSERT INTO res_scope SELECT id FROM records WHERE applicant_entity_ids && @ids::bigint[]
                        UNION SELECT record_id FROM entity_links WHERE entity_id = ANY(@ids)
                        UNION SELECT record_id FROM entity_pins WHERE entity_id = ANY(@ids)
                        ON CONFLICT DO NOTHING
                        """, new { ids = e.Ids }, ct);
                    break;
                case ResolutionScope.Records r:
                    await Exec(conn, tx, "INSERT INTO res_scope SELECT id FROM records WHERE id = ANY(@ids) ON CONFLICT DO NOTHING", new { ids = r.Ids }, ct);
                    break;
            }
        }
        var source = all ? "records r" : "records r JOIN res_scope s ON s.id = r.id";
        var inScope = all ? "true" : "l.record_id IN (SELECT id FROM res_scope)";

        // 1–2: the link of every applicant with a key, and its rule
        await Exec(conn, tx, $"""
            CREATE TEMP TABLE res_links ON COMMIT DROP AS
            WITH parties AS (
                SELECT r.id AS record_id, k.pos::smallint AS position, k.key AS party_key, COALESCE(k.name, '') AS party_name,
                       COALESCE(p.entity_id, e.merged_into, e.id) AS entity_id, p.rule AS pin_rule
                FROM {source} CROSS JOIN LATERAL unnest(r.applicant_keys, r.applicants) WITH ORDINALITY AS k(key, name, pos)
                LEFT JOIN entity_pins p ON p.record_id = r.id AND p.party_key = k.key
                LEFT JOIN entities e ON e.match_key = k.key
                WHERE k.key <> '' AND COALESCE(p.entity_id, e.merged_into, e.id) IS NOT NULL
            )
            SELECT x.record_id, x.position, x.party_key, x.party_name, x.entity_id,
                   CASE WHEN x.pin_rule IS NOT NULL THEN x.pin_rule
                        WHEN x.party_name = t.name THEN '{LinkRules.Exact}'
                        WHEN x.party_key = t.match_key OR x.party_key = t.name_key THEN '{LinkRules.Normalised}'
                        WHEN n.kind = '{EntityNameKinds.Former}' THEN '{LinkRules.FormerName}'
                        ELSE '{LinkRules.Alias}' END AS rule
            FROM parties x JOIN entities t ON t.id = x.entity_id
            LEFT JOIN entity_names n ON n.name_key = x.party_key AND n.entity_id = x.entity_id
            """, null, ct);
        await Exec(conn, tx, "ALTER TABLE res_links ADD PRIMARY KEY (record_id, position)", null, ct);
        await Exec(conn, tx, "ANALYZE res_links", null, ct);
        var confidence = string.Join(" ", LinkRules.Confidence.Select(kv => $"WHEN '{kv.Key}' THEN {kv.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)}"));

        // the entities whose counts may change: those linked before and after
        await Exec(conn, tx, $"""
            CREATE TEMP TABLE res_touched ON COMMIT DROP AS
            SELECT DISTINCT entity_id AS id FROM (SELECT l.entity_id FROM entity_links l WHERE {inScope} UNION ALL SELECT entity_id FROM res_links) x
            """, null, ct);

        // 3: links
        var removed = await Exec(conn, tx, $"""
            DELETE FROM entity_links l WHERE {inScope}
              AND NOT EXISTS (SELECT 1 FROM res_links x WHERE x.record_id = l.record_id AND x.position = l.position)
            """, null, ct);
        var written = await Exec(conn, tx, $"""
            INSERT INTO entity_links (record_id, position, party_key, party_name, entity_id, rule, confidence)
            SELECT record_id, position, party_key, party_name, entity_id, rule, CASE rule {confidence} ELSE 0.8 END FROM res_links
            ON CONFLICT (record_id, position) DO UPDATE SET party_key = EXCLUDED.party_key, party_name = EXCLUDED.party_name,
                entity_id = EXCLUDED.entity_id, rule = EXCLUDED.rule, confidence = EXCLUDED.confidence, resolved_at = now()
            WHERE (entity_links.party_key, entity_links.party_name, entity_links.entity_id, entity_links.rule, entity_links.confidence)
                  IS DISTINCT FROM (EXCLUDED.party_key, EXCLUDED.party_name, EXCLUDED.entity_id, EXCLUDED.rule, EXCLUDED.confidence)
            """, null, ct);

        // the records' entity ids, in applicant order, where they differ
        var changed = await Exec(conn, tx, """
            UPDATE records r SET applicant_entity_ids = x.ids, updated_at = now(), change_xid = pg_current_xact_id()
            FROM (SELECT record_id, array_agg(entity_id ORDER BY position) AS ids FROM res_links GROUP BY record_id) x
            WHERE r.id = x.record_id AND r.applicant_entity_ids IS DISTINCT FROM x.ids
            """, null, ct);
        changed += await Exec(conn, tx, $"""
            UPDATE records r SET applicant_entity_ids = ARRAY[]::bigint[], updated_at = now(), change_xid = pg_current_xact_id() FROM {(all ? "(SELECT id FROM records) s" : "res_scope s")}
            WHERE r.id = s.id AND cardinality(r.applicant_entity_ids) > 0 AND NOT EXISTS (SELECT 1 FROM res_links x WHERE x.record_id = r.id)
            """, null, ct);

        // record counts of the entities touched
        await Exec(conn, tx, """
            UPDATE entities e SET record_count = COALESCE(c.n, 0)
            FROM res_touched t LEFT JOIN (SELECT l.entity_id, count(DISTINCT l.record_id)::int AS n FROM entity_links l
                                          WHERE l.entity_id IN (SELECT id FROM res_touched) GROUP BY l.entity_id) c ON c.entity_id = t.id
            WHERE e.id = t.id AND e.record_count IS DISTINCT FROM COALESCE(c.n, 0)
            """, null, ct);

        var byRule = (await conn.QueryAsync<(string Rule, long N)>(new CommandDefinition("SELECT rule, count(*) FROM res_links GROUP BY rule", transaction: tx,
            commandTimeout: Timeout, cancellationToken: ct))).ToDictionary(x => x.Rule, x => x.N);
        var records = await conn.ExecuteScalarAsync<long>(new CommandDefinition(all ? "SELECT count(*) FROM records" : "SELECT count(*) FROM res_scope",
            transaction: tx, commandTimeout: Timeout, cancellationToken: ct));
        var master = await SeedMasterAsync(conn, tx, ct);
        var units = await LinkOrgUnitsAsync(conn, tx, ct);
        return new ResolutionOutcome(records, byRule.Values.Sum(), written, removed, changed, master, units, clock.ElapsedMilliseconds, byRule);
    }

    /// <summary>
    /// The entities of the bureau's jurisdiction (its org unit's region) that records name enter the register (source
    /// <c>records</c>): the demo's 连云港 applicants, and every later applicant there. Foreign parties stay out.
    /// </summary>
    private static async Task<int> SeedMasterAsync(NpgsqlConnection conn, NpgsqlTransaction tx, CancellationToken ct)
    {
        var region = await conn.ExecuteScalarAsync<string?>(new CommandDefinition(
            "SELECT region_code FROM org_units WHERE kind = 'bureau' AND region_code ~ '^[0-9]{6}$' AND is_active ORDER BY id LIMIT 1", transaction: tx, cancellationToken: ct));
        if (region is null) return 0;
        return await Exec(conn, tx, $"""
            UPDATE entities SET master = true, master_source = 'records', master_since = now(), updated_at = now()
            WHERE NOT master AND merged_into IS NULL AND record_count > 0 AND kind <> '{PartyKinds.Foreign}' AND region_code LIKE @prefix || '%'
            """, new { prefix = CurrentUser.SignificantPrefix(region) }, ct);
    }

    /// <summary>
    /// Each enterprise account not yet linked gets its entity: the one with its credit code, else the one its name's
    /// matching key resolves to — when that entity has no account yet. A person can change the link on the entity page.
    /// </summary>
    private static async Task<int> LinkOrgUnitsAsync(NpgsqlConnection conn, NpgsqlTransaction tx, CancellationToken ct)
    {
        var units = (await conn.QueryAsync<(long Id, string Name, string? CreditCode)>(new CommandDefinition("""
            SELECT u.id, u.name, u.credit_code FROM org_units u
            WHERE u.kind = 'enterprise' AND u.is_active AND NOT EXISTS (SELECT 1 FROM entities e WHERE e.org_unit_id = u.id AND e.merged_into IS NULL)
            """, transaction: tx, cancellationToken: ct))).ToList();
        var linked = 0;
        foreach (var u in units)
        {
            var key = ApplicantName.NormaliseForMatching(u.Name);
            var id = await conn.ExecuteScalarAsync<long?>(new CommandDefinition("""
                UPDATE entities t SET org_unit_id = @unit, updated_at = now()
                WHERE t.id = COALESCE((SELECT id FROM entities WHERE credit_code = @code AND merged_into IS NULL),
                                      (SELECT COALESCE(merged_into, id) FROM entities WHERE match_key = @key))
                  AND t.org_unit_id IS NULL AND t.merged_into IS NULL
                RETURNING t.id
                """, new { unit = u.Id, code = u.CreditCode, key }, tx, cancellationToken: ct));
            if (id is not { } entityId) continue;
            linked++;
            await EntityAudit.HistoryAsync(conn, tx, entityId, null, "org_unit_linked",
                $"关联企业账号所属单位“{u.Name}”（按{(u.CreditCode is null ? "名称" : "统一社会信用代码或名称")}自动关联）", null, CurrentUser.System, ct);
        }
        return linked;
    }

    private static Task<int> Exec(NpgsqlConnection conn, NpgsqlTransaction tx, string sql, object? args, CancellationToken ct) =>
        conn.ExecuteAsync(new CommandDefinition(sql, args, tx, Timeout, cancellationToken: ct));

    /// <summary>Runs a resolution in its own transaction and records the run.</summary>
    public static async Task<ResolutionOutcome> RunAndRecordAsync(NpgsqlDataSource db, ResolutionScope scope, long? jobId, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var imports = scope is ResolutionScope.Imports i ? i.Ids : [];
        var runId = await conn.ExecuteScalarAsync<long>(new CommandDefinition(
            "INSERT INTO entity_resolution_runs (job_id, scope, import_ids) VALUES (@jobId, @scope, @imports) RETURNING id",
            new { jobId, scope = scope is ResolutionScope.All ? "all" : "imports", imports }, tx, cancellationToken: ct));
        var o = await RunAsync(conn, tx, scope, ct);
        await conn.ExecuteAsync(new CommandDefinition("""
            UPDATE entity_resolution_runs SET finished_at = now(), records = @Records, parties = @Parties, links_written = @LinksWritten,
                links_removed = @LinksRemoved, ids_changed = @IdsChanged, master_added = @MasterAdded, units_linked = @UnitsLinked, ms = @Ms,
                by_rule = @byRule::jsonb
            WHERE id = @runId
            """, new { o.Records, o.Parties, o.LinksWritten, o.LinksRemoved, o.IdsChanged, o.MasterAdded, o.UnitsLinked, o.Ms, byRule = JsonSerializer.Serialize(o.ByRule), runId },
            tx, cancellationToken: ct));
        await tx.CommitAsync(ct);
        return o;
    }
}
