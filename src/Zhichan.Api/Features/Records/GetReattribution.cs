using Zhichan.Api.Features.Records.Attribution;

namespace Zhichan.Api.Features.Records;

/// <summary>The re-attribution of the stored records: the rules' version they follow and the last job (ADR 0019).</summary>
public sealed record ReattributionStatus(string CurrentVersion, string? StoredVersion, long? JobId, string? Status, long Progress, long? Total, string? Message,
    DateTimeOffset? FinishedAt);

/// <summary>The rules' version the stored records follow and the state of the last re-attribution job.</summary>
public static class GetReattribution
{
    public static async Task<Ok<ReattributionStatus>> HandleAsync(NpgsqlDataSource db, CancellationToken ct) => TypedResults.Ok(await StatusAsync(db, ct));

    internal static async Task<ReattributionStatus> StatusAsync(NpgsqlDataSource db, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        var stored = await conn.ExecuteScalarAsync<string?>(new CommandDefinition("SELECT source FROM ref_loaded WHERE name = @name",
            new { name = ReattributionJob.VersionMark }, cancellationToken: ct));
        var job = await conn.QueryFirstOrDefaultAsync<JobRow>(new CommandDefinition("""
            SELECT id, status, progress, total, message, finished_at FROM jobs WHERE kind = @kind ORDER BY id DESC LIMIT 1
            """, new { kind = ReattributionJob.JobKind }, cancellationToken: ct));
        return new ReattributionStatus(ReattributionJob.RulesVersion, stored, job?.Id, job?.Status, job?.Progress ?? 0, job?.Total, job?.Message,
            job?.FinishedAt is { } f ? new DateTimeOffset(DateTime.SpecifyKind(f, DateTimeKind.Utc)) : null);
    }

    private sealed record JobRow(long Id, string Status, long Progress, long? Total, string? Message, DateTime? FinishedAt); // Npgsql reads timestamptz as a UTC DateTime
}
