using Zhichan.Api.Platform.Jobs;

namespace Zhichan.Api.Features.Records.Imports;

/// <summary>
/// Re-runs a failed import as a new job. The job resumes after the last committed batch (imports.batches_done) and
/// re-writing a batch is idempotent, so the result equals one clean import of the file.
/// </summary>
public static class RetryImport
{
    public static async Task<Accepted<ImportAccepted>> HandleAsync(long id, NpgsqlDataSource db, JobQueue jobs, JobSignal signal, CurrentUser me, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        string status;
        string? message;
        int batchesDone;
        await using (var cmd = new NpgsqlCommand("SELECT status, message, batches_done FROM imports WHERE id = $1 FOR UPDATE", conn, tx) { Parameters = { new() { Value = id } } })
        await using (var r = await cmd.ExecuteReaderAsync(ct))
        {
            if (!await r.ReadAsync(ct)) throw new DomainException($"导入任务 {id} 不存在", 404);
            (status, message, batchesDone) = (r.GetString(0), r.IsDBNull(1) ? null : r.GetString(1), r.GetInt32(2));
        }
        if (status != "failed") throw new DomainException($"导入任务 {id} 的状态为“{status}”，只有失败的导入可以重试");
        var jobId = await jobs.EnqueueAsync(ImportJob.JobKind, new { importId = id }, me.Id, ct, conn, tx);
        await using (var cmd = new NpgsqlCommand("UPDATE imports SET status = 'queued', job_id = $2, message = NULL, finished_at = NULL WHERE id = $1", conn, tx)
                     { Parameters = { new() { Value = id }, new() { Value = jobId } } })
            await cmd.ExecuteNonQueryAsync(ct);
        await Platform.Audit.AuditLog.WriteAsync(conn, tx, me, "retry", "imports", id.ToString(), new { status, message, batchesDone }, new { status = "queued", jobId }, ct);
        await tx.CommitAsync(ct);
        signal.Poke(); // now that the job is visible (the poke inside EnqueueAsync came before the commit)
        return TypedResults.Accepted($"/api/imports/{id}", new ImportAccepted(id, "queued"));
    }
}
