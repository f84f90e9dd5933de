using Zhichan.Api.Platform.Jobs;

namespace Zhichan.Api.Features.Registries.Entities;

/// <summary>
/// The resolution as a background job: payload <c>{"full": true}</c> resolves every record; otherwise the records of the
/// finished imports no run has looked at yet (a run records the imports it covered).
/// </summary>
public sealed class EntityResolutionJob(NpgsqlDataSource db, ILogger<EntityResolutionJob> log) : IJobHandler
{
    public const string JobKind = "registries.entities.resolve";
    public string Kind => JobKind;

    public async Task RunAsync(JobContext job, CancellationToken ct)
    {
        var full = job.Payload.ValueKind == System.Text.Json.JsonValueKind.Object && job.Payload.TryGetProperty("full", out var f) && f.ValueKind == System.Text.Json.JsonValueKind.True;
        ResolutionScope scope;
        if (full) scope = new ResolutionScope.All();
        else
        {
            await using var conn = await db.OpenConnectionAsync(ct);
            var ids = (await conn.QueryAsync<long>(new CommandDefinition(PendingImportsSql, cancellationToken: ct))).ToArray();
            if (ids.Length == 0)
            {
                await job.ReportAsync(1, 1, "没有待解析的导入", ct);
                return;
            }
            scope = new ResolutionScope.Imports(ids);
        }
        await job.ReportAsync(0, 1, full ? "正在解析全部记录的申请人" : "正在解析新导入记录的申请人", ct);
        var o = await EntityResolution.RunAndRecordAsync(db, scope, job.Id, ct);
        log.LogInformation("Entity resolution ({Scope}): {Records} records, {Parties} parties, {Written} links written, {Removed} removed, {Changed} records' ids changed, {Master} entered the register, {Units} accounts linked in {Ms} ms",
            full ? "all" : "imports", o.Records, o.Parties, o.LinksWritten, o.LinksRemoved, o.IdsChanged, o.MasterAdded, o.UnitsLinked, o.Ms);
        await job.ReportAsync(1, 1, $"已完成：{o.Records:N0} 条记录、{o.Parties:N0} 个申请人，{o.Ms / 1000.0:F1} 秒", ct);
    }

    /// <summary>Finished imports of records whose records no finished run has resolved.</summary>
    public const string PendingImportsSql = """
        SELECT i.id FROM imports i
        WHERE i.status IN ('succeeded', 'completed_with_errors') AND i.inserted + i.updated > 0
          AND NOT EXISTS (SELECT 1 FROM entity_resolution_runs r WHERE r.finished_at IS NOT NULL AND (i.id = ANY(r.import_ids) OR (r.scope = 'all' AND r.started_at > i.finished_at)))
        ORDER BY i.id
        """;

    /// <summary>Queues a run unless one is queued or running; returns the job id (the existing one, if any).</summary>
    public static async Task<long> QueueAsync(NpgsqlDataSource db, JobQueue jobs, bool full, long? createdBy, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        if (await conn.ExecuteScalarAsync<long?>(new CommandDefinition(
                "SELECT id FROM jobs WHERE kind = @kind AND status IN ('queued', 'running') ORDER BY id LIMIT 1", new { kind = JobKind }, cancellationToken: ct)) is { } existing
            && !full)
            return existing;
        return await jobs.EnqueueAsync(JobKind, new { full }, createdBy, ct);
    }
}

/// <summary>
/// After imports finish, queues a resolution of their records (polls imports, owned by the records feature, without touching
/// them): the rules, the register and the accounts' links follow each import within seconds. The importer itself already
/// wrote the ids by key and redirect (ADR 0023).
/// </summary>
public sealed class ResolveAfterImports(NpgsqlDataSource db, JobQueue jobs, ILogger<ResolveAfterImports> log) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(10);

    protected override async Task ExecuteAsync(CancellationToken stop)
    {
        await Task.Yield();
        while (!stop.IsCancellationRequested)
        {
            try { await Task.Delay(Interval, stop); } catch (OperationCanceledException) { return; }
            try
            {
                await using var conn = await db.OpenConnectionAsync(stop);
                var due = await conn.ExecuteScalarAsync<bool>(new CommandDefinition($"""
                    SELECT EXISTS ({EntityResolutionJob.PendingImportsSql})
                       AND NOT EXISTS (SELECT 1 FROM jobs WHERE kind = @kind AND status IN ('queued', 'running'))
                       AND NOT EXISTS (SELECT 1 FROM imports WHERE status IN ('queued', 'running'))
                    """, new { kind = EntityResolutionJob.JobKind }, cancellationToken: stop));
                if (!due) continue;
                var id = await jobs.EnqueueAsync(EntityResolutionJob.JobKind, new { full = false }, null, stop);
                log.LogInformation("Imports finished since the last entity resolution: queued resolution job {Id}", id);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested) { return; }
            catch (Exception e) { log.LogWarning(e, "Entity resolution check failed"); }
        }
    }
}
