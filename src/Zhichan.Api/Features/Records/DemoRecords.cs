using Zhichan.Api.Features.Records.Imports;
using Zhichan.Api.Platform.Jobs;

namespace Zhichan.Api.Features.Records;

/// <summary>
/// On first start with demo data on (ZHICHAN_DEMO_RECORDS≠0), queues the import of the real 2017 CNIPA file from the data
/// folder; the job runner picks it up in the background and the import page shows its progress.
/// </summary>
public sealed class DemoRecords(NpgsqlDataSource db, ZhichanOptions options, JobQueue jobs, ILogger<DemoRecords> log) : IStartupTask
{
    public const string DemoFile = "patents/cn-invention-2017.csv.gz";
    public int Order => 20;

    public async Task RunAsync(CancellationToken ct)
    {
        if (!options.LoadDemo || !options.ImportDemoRecords) return;
        var path = Path.Combine(options.DataFolder, DemoFile);
        if (!File.Exists(path))
        {
            log.LogWarning("Demo records not loaded: {Path} is missing. Set ZHICHAN_DATA to the folder holding the public data (see ../shared/data/README.md), or upload files on the 数据导入 page.", path);
            return;
        }
        await using var conn = await db.OpenConnectionAsync(ct);
        await using (var check = new NpgsqlCommand("SELECT 1 FROM imports WHERE file_name = $1 LIMIT 1", conn) { Parameters = { new() { Value = Path.GetFileName(path) } } })
            if (await check.ExecuteScalarAsync(ct) is not null) return;
        var bytes = await File.ReadAllBytesAsync(path, ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await using var cmd = new NpgsqlCommand("""
            WITH f AS (INSERT INTO stored_files (file_name, content_type, size_bytes, sha256, content) VALUES ($1, 'application/gzip', $2, $3, $4) RETURNING id)
            INSERT INTO imports (file_id, file_name, format) SELECT id, $1, 'cnipa-csv' FROM f RETURNING id
            """, conn, tx);
        cmd.Parameters.Add(new() { Value = Path.GetFileName(path) });
        cmd.Parameters.Add(new() { Value = (long)bytes.Length });
        cmd.Parameters.Add(new() { Value = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(bytes)).ToLowerInvariant() });
        cmd.Parameters.Add(new() { Value = bytes });
        var importId = (long)(await cmd.ExecuteScalarAsync(ct))!;
        var jobId = await jobs.EnqueueAsync(ImportJob.JobKind, new { importId }, null, ct, conn, tx);
        await using (var u = new NpgsqlCommand("UPDATE imports SET job_id = $2 WHERE id = $1", conn, tx) { Parameters = { new() { Value = importId }, new() { Value = jobId } } })
            await u.ExecuteNonQueryAsync(ct);
        await tx.CommitAsync(ct);
        jobs.Poke();
        log.LogInformation("Queued the demo import of {File} (import {Id})", path, importId);
    }
}
