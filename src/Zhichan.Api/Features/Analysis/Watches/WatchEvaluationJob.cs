using Zhichan.Api.Platform.Jobs;

namespace Zhichan.Api.Features.Analysis.Watches;

/// <summary>
/// The evaluation as a job of the jobs table: queued after imports and indicator recomputations (<see cref="EvaluateAfterImports"/>)
/// and on schedule (<c>ZHICHAN_WATCH_EVALUATION_MINUTES</c>); payload <c>{"fullScreening": true}</c> screens every applicant again.
/// </summary>
public sealed class WatchEvaluationJob(WatchEvaluator evaluator) : IJobHandler
{
    public const string JobKind = "analysis.watches.evaluate";
    public string Kind => JobKind;

    public async Task RunAsync(JobContext job, CancellationToken ct)
    {
        var full = job.Payload.ValueKind == System.Text.Json.JsonValueKind.Object && job.Payload.TryGetProperty("fullScreening", out var f)
                   && f.ValueKind == System.Text.Json.JsonValueKind.True;
        await job.ReportAsync(0, 1, "正在评估监控预警", ct);
        var r = await evaluator.RunAsync(full, ct);
        await job.ReportAsync(1, 1, $"已完成：{r.Watches} 个监控，{r.Hits} 条预警，{r.ScreeningGroups} 组新的疑似非正常申请，{r.Ms / 1000.0:F1} 秒", ct);
    }
}

/// <summary>
/// After imports finish or the indicators are recomputed, queues an evaluation (polls imports and indicator_computations, owned by
/// other features, without touching them): alerts follow an import within seconds of the import and of the recomputation it causes.
/// </summary>
public sealed class EvaluateAfterImports(NpgsqlDataSource db, JobQueue jobs, ILogger<EvaluateAfterImports> log) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(10);

    /// <summary>Whether an import or a recomputation finished after the last evaluation started, and nothing is running that it should wait for.</summary>
    public const string DueSql = """
        WITH last AS (SELECT COALESCE(max(started_at), '-infinity') AS at FROM jobs WHERE kind = @kind AND status = 'succeeded')
        SELECT (EXISTS (SELECT 1 FROM imports, last WHERE status IN ('succeeded', 'completed_with_errors') AND finished_at > last.at)
                OR EXISTS (SELECT 1 FROM indicator_computations, last WHERE finished_at > last.at))
           AND NOT EXISTS (SELECT 1 FROM jobs WHERE kind = @kind AND status IN ('queued', 'running'))
           AND NOT EXISTS (SELECT 1 FROM imports WHERE status IN ('queued', 'running'))
        """;

    protected override async Task ExecuteAsync(CancellationToken stop)
    {
        await Task.Yield();
        while (!stop.IsCancellationRequested)
        {
            try { await Task.Delay(Interval, stop); } catch (OperationCanceledException) { return; }
            try
            {
                await using var conn = await db.OpenConnectionAsync(stop);
                if (!await conn.ExecuteScalarAsync<bool>(new CommandDefinition(DueSql, new { kind = WatchEvaluationJob.JobKind }, cancellationToken: stop))) continue;
                var id = await jobs.EnqueueAsync(WatchEvaluationJob.JobKind, new { reason = "import" }, null, stop);
                log.LogInformation("Imports or recomputations finished since the last watch evaluation: queued evaluation job {Id}", id);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested) { return; }
            catch (Exception e) { log.LogWarning(e, "Watch evaluation check failed"); }
        }
    }
}
