namespace Zhichan.Api.Features.Registries.Entities;

/// <summary>GetEntityResolution: the latest resolution runs, the job queued or running, the imports waiting for one.</summary>
public static class GetEntityResolution
{
    public static async Task<Ok<EntityResolutionStatus>> HandleAsync(NpgsqlDataSource db, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        var job = await conn.QueryFirstOrDefaultAsync<(long Id, string Status, string? Message)>(new CommandDefinition(
            "SELECT id, status, message FROM jobs WHERE kind = @kind ORDER BY id DESC LIMIT 1", new { kind = EntityResolutionJob.JobKind }, cancellationToken: ct));
        var pending = await conn.ExecuteScalarAsync<int>(new CommandDefinition($"SELECT count(*) FROM ({EntityResolutionJob.PendingImportsSql}) x", cancellationToken: ct));
        var links = await conn.ExecuteScalarAsync<long>(new CommandDefinition("SELECT count(*) FROM entity_links", cancellationToken: ct));
        var master = await conn.ExecuteScalarAsync<long>(new CommandDefinition("SELECT count(*) FROM entities WHERE master AND merged_into IS NULL", cancellationToken: ct));
        var runs = (await conn.QueryAsync<ResolutionRunDto>(new CommandDefinition("""
            SELECT id, job_id, scope, array_to_string(import_ids, ',') AS import_ids, started_at, finished_at, records, parties, links_written, links_removed, ids_changed, master_added, units_linked, ms,
                   by_rule::text AS by_rule
            FROM entity_resolution_runs ORDER BY id DESC LIMIT 10
            """, cancellationToken: ct))).ToList();
        return TypedResults.Ok(new EntityResolutionStatus(job.Id == 0 ? null : job.Id, job.Id == 0 ? null : job.Status, job.Message, pending, links, master, runs));
    }
}
