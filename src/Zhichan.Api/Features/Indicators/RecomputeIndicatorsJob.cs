using Zhichan.Api.Platform.Jobs;

namespace Zhichan.Api.Features.Indicators;

/// <summary>The recomputation as a background job with progress.</summary>
public sealed class RecomputeIndicatorsJob(IndicatorComputer computer) : IJobHandler
{
    public const string JobKind = "indicators.recompute";
    public string Kind => JobKind;

    public async Task RunAsync(JobContext job, CancellationToken ct)
    {
        var actor = new CurrentUser { Id = job.CreatedBy, Name = job.CreatedBy is null ? "system" : $"user:{job.CreatedBy}" };
        var incremental = job.Payload.TryGetProperty("incremental", out var inc) && inc.ValueKind == System.Text.Json.JsonValueKind.True;
        var n = await computer.RecomputeAllAsync(actor, job.Id, (i, total, msg) => job.ReportAsync(i, total, msg, ct), ct, incremental);
        await job.ReportAsync(1, 1, $"已完成，写入 {n} 个指标值", ct);
    }
}

/// <summary>
/// After an import succeeds, queues a recomputation: polls imports.finished_at against the last computation's data date
/// (imports are owned by the records feature; this does not touch them).
/// </summary>
public sealed class RecomputeAfterImports(NpgsqlDataSource db, JobQueue jobs, ILogger<RecomputeAfterImports> log) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(20);

    protected override async Task ExecuteAsync(CancellationToken stop)
    {
        await Task.Yield();
        while (!stop.IsCancellationRequested)
        {
            try { await Task.Delay(Interval, stop); } catch (OperationCanceledException) { return; }
            try
            {
                await using var conn = await db.OpenConnectionAsync(stop);
                var due = await conn.ExecuteScalarAsync<bool>($"""
                    SELECT EXISTS (SELECT 1 FROM imports WHERE status IN ('succeeded', 'completed_with_errors')
                                   AND finished_at > COALESCE((SELECT max(records_as_of) FROM indicator_computations), '-infinity'))
                       AND NOT EXISTS (SELECT 1 FROM jobs WHERE kind = '{RecomputeIndicatorsJob.JobKind}' AND status IN ('queued','running'))
                       AND NOT EXISTS (SELECT 1 FROM imports WHERE status IN ('queued','running'))
                    """);
                if (due)
                {
                    var id = await jobs.EnqueueAsync(RecomputeIndicatorsJob.JobKind, new { reason = "import", incremental = true }, null, stop);
                    log.LogInformation("Imports finished since the last indicator computation: queued recomputation job {Id}", id);
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested) { return; }
            catch (Exception e) { log.LogWarning(e, "Indicator recomputation check failed"); }
        }
    }
}
