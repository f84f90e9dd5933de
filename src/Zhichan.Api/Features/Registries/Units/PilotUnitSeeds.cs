namespace Zhichan.Api.Features.Registries.Units;

/// <summary>
/// Loads the pilot units the seed plans name (Seeds/pilot-units.json) once each: a seed whose creation is in the audit log is
/// never inserted again, so a unit the bureau deleted stays deleted. Nothing else is seeded (ADR 0028): the GI, plant-variety
/// and 非遗 registers start empty and say so.
/// </summary>
public sealed class PilotUnitSeeds(NpgsqlDataSource db) : IStartupTask
{
    public int Order => 55;

    private sealed record Seed(string Key, string Kind, string? Level, string Name, string RegionCode, string Status, string SourceTitle, string SourceQuote, string? Notes);
    private sealed record SeedFile(string? Description, List<Seed> Units);

    public async Task RunAsync(CancellationToken ct)
    {
        var seeds = EmbeddedSeeds.Read<SeedFile>("Registries/Units", "pilot-units.json").Units;
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        foreach (var s in seeds)
        {
            var entityId = "seed:" + s.Key;
            if (await conn.ExecuteScalarAsync<bool>("SELECT EXISTS (SELECT 1 FROM audit_log WHERE entity = 'pilot_units' AND entity_id = @entityId)", new { entityId }, tx))
                continue;
            // the region must be known (the 区划 reference may be missing on a platform started without data)
            if (!await conn.ExecuteScalarAsync<bool>("SELECT EXISTS (SELECT 1 FROM ref_regions WHERE code = @RegionCode)", s, tx)) continue;
            var id = await conn.ExecuteScalarAsync<long?>("""
                INSERT INTO pilot_units (kind, level, name, region_code, status, notes, source_title, source_quote, seed_key)
                VALUES (@Kind, @Level, @Name, @RegionCode, @Status, @Notes, @SourceTitle, @SourceQuote, @Key)
                ON CONFLICT DO NOTHING RETURNING id
                """, s, tx);
            await AuditLog.WriteAsync(conn, tx, CurrentUser.System, "create", "pilot_units", entityId, null, new { id, name = s.Name, source_title = s.SourceTitle }, ct);
        }
        await tx.CommitAsync(ct);
    }
}
