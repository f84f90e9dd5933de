namespace Zhichan.Api.Features.Indicators;

/// <summary>
/// The catalogue of PRODUCT.md §Indicators: every indicator defined once with its counting rule (ADR 0100), in the seed
/// Seeds/catalogue.json. Loaded at start-up; a built-in definition whose seed text changed becomes a new version, never an
/// edit of the old one.
/// </summary>
public static class IndicatorCatalogue
{
    private sealed record CatalogueSeed(string? Description, List<IndicatorDefinition> Indicators);

    /// <summary>The built-in definitions, read afresh from the embedded seed Seeds/catalogue.json (each call gives new objects).</summary>
    public static IReadOnlyList<IndicatorDefinition> BuiltIn() => EmbeddedSeeds.Read<CatalogueSeed>("Indicators", "catalogue.json").Indicators;

    public static async Task<List<IndicatorDefinition>> CurrentAsync(NpgsqlConnection conn, NpgsqlTransaction? tx = null) =>
        (await conn.QueryAsync<IndicatorDefinition>("SELECT * FROM indicator_definitions WHERE superseded_at IS NULL ORDER BY id", transaction: tx)).ToList();

    /// <summary>Creates the built-in definitions that are missing, and a new version of any whose built-in text changed.</summary>
    public static async Task EnsureAsync(NpgsqlDataSource db, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await conn.ExecuteAsync(AdvisoryLocks.XactLock(AdvisoryLocks.IndicatorDefinitions), transaction: tx);
        var current = (await CurrentAsync(conn, tx)).ToDictionary(d => d.Code);
        foreach (var def in BuiltIn())
        {
            if (current.TryGetValue(def.Code, out var existing))
            {
                // a definition changed by the bureau is theirs: the built-in only re-applies over its own version 1
                if (existing.Version > 1 || existing.Fingerprint() == def.Fingerprint()) continue;
            }
            await SaveNewVersionAsync(conn, tx, def, existing, CurrentUser.System, ct);
        }
        await tx.CommitAsync(ct);
    }

    /// <summary>Supersedes <paramref name="existing"/> (if any) and inserts <paramref name="def"/> as the next version; audited.</summary>
    public static async Task<IndicatorDefinition> SaveNewVersionAsync(NpgsqlConnection conn, NpgsqlTransaction tx, IndicatorDefinition def,
        IndicatorDefinition? existing, CurrentUser actor, CancellationToken ct)
    {
        if (existing is not null)
            await conn.ExecuteAsync("UPDATE indicator_definitions SET superseded_at = now() WHERE id = @Id", new { existing.Id }, tx);
        def.Version = (existing?.Version ?? 0) + 1;
        def.Id = await conn.ExecuteScalarAsync<long>("""
            INSERT INTO indicator_definitions (code, version, name, unit, direction, category, source, method, right_types, counting, fractional,
                domestic_only, time_basis, per_capita, rule_text, owner_unit, data_note, created_by)
            VALUES (@Code, @Version, @Name, @Unit, @Direction, @Category, @Source, @Method, @RightTypes, @Counting, @Fractional,
                @DomesticOnly, @TimeBasis, @PerCapita, @RuleText, @OwnerUnit, @DataNote, @CreatedBy)
            RETURNING id
            """, new
        {
            def.Code, def.Version, def.Name, def.Unit, def.Direction, def.Category, def.Source, def.Method, def.RightTypes, def.Counting, def.Fractional,
            def.DomesticOnly, def.TimeBasis, def.PerCapita, def.RuleText, def.OwnerUnit, def.DataNote, CreatedBy = actor.Id,
        }, tx);
        await AuditLog.WriteAsync(conn, tx, actor, existing is null ? "create" : "new_version", "indicator_definitions", def.Id.ToString(),
            existing is null ? null : new { existing.Code, existing.Version, existing.Id },
            new { def.Code, def.Version, def.Name, def.Unit, def.Counting, def.TimeBasis, def.RuleText, def.Method }, ct);
        return def;
    }
}

/// <summary>Loads the catalogue at start-up (every start: it is idempotent and versions built-in changes).</summary>
public sealed class IndicatorCatalogueLoader(NpgsqlDataSource db) : IStartupTask
{
    public int Order => 40;
    public Task RunAsync(CancellationToken ct) => IndicatorCatalogue.EnsureAsync(db, ct);
}
