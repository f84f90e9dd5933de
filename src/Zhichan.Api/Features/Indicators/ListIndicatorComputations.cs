using Zhichan.Api.Platform.Jobs;
using static Zhichan.Api.Features.Indicators.IndicatorValues;

namespace Zhichan.Api.Features.Indicators;

public sealed record ComputationDto(long Id, long? JobId, DateTime StartedAt, DateTime? FinishedAt, DateTime? RecordsAsOf, int ValuesWritten, long? DurationMs,
    string? JobStatus, long? JobProgress, long? JobTotal, string? JobMessage);

/// <summary>The latest computation runs with their progress.</summary>
public static class ListIndicatorComputations
{
    public static async Task<Ok<List<ComputationDto>>> HandleAsync(NpgsqlDataSource db, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        var rows = await conn.QueryAsync<ComputationDto>("""
            SELECT * FROM (
              SELECT c.id, c.job_id, c.started_at, c.finished_at, c.records_as_of, c.values_written, c.duration_ms,
                     j.status AS job_status, j.progress AS job_progress, j.total AS job_total, j.message AS job_message
              FROM indicator_computations c LEFT JOIN jobs j ON j.id = c.job_id
              UNION ALL
              SELECT 0, j.id, j.created_at, NULL, NULL, 0, NULL, j.status, j.progress, j.total, j.message
              FROM jobs j WHERE j.kind = @kind AND j.status = 'queued') x
            ORDER BY started_at DESC LIMIT 20
            """, new { kind = RecomputeIndicatorsJob.JobKind });
        return TypedResults.Ok(rows.ToList());
    }
}
