using System.Security.Cryptography;
using Microsoft.AspNetCore.Mvc;
using NpgsqlTypes;
using Zhichan.Api.Features.Records.LegalStatus;
using Zhichan.Api.Features.Records.Sources;
using Zhichan.Api.Features.Records.Sources.Tabular;
using Zhichan.Api.Platform.Jobs;

namespace Zhichan.Api.Features.Records.Imports;

public sealed record ImportAccepted(long Id, string Status);

/// <summary>Stores an uploaded file and queues its import (<see cref="ImportJob"/>).</summary>
public static class CreateImport
{
    public const long MaxFileBytes = 512L * 1024 * 1024;

    /// <summary>The largest upload request: the file and the form's other fields.</summary>
    public const long MaxRequestBytes = MaxFileBytes + 1024 * 1024;

    /// <summary>
    /// The formats one may ask for; "auto" recognises each by its content (a ZIP package of XML and CSV files, XML by its
    /// root, the CNIPA legal-status table by its header …).
    /// </summary>
    public static readonly string[] Formats = ["auto", "cnipa-csv", "cn-db-export", "csv", "xlsx", "xml", "cnipa-xml", "wipo-xml", LegalStatusLayout.Format];

    public static async Task<Accepted<ImportAccepted>> HandleAsync(IFormFile? file, [FromForm] string? format, [FromForm] string? encoding,
        [FromForm] long? mappingId, NpgsqlDataSource db, JobQueue jobs, JobSignal signal, CurrentUser me, CancellationToken ct)
    {
        var v = new Validation();
        if (file is null) v.Add("file", "请选择要导入的文件");
        else if (file.Length == 0) v.Add("file", $"文件“{file.FileName}”为空");
        else if (file.Length > MaxFileBytes) v.Add("file", $"文件超过大小上限 {MaxFileBytes / 1024 / 1024} MB");
        format = string.IsNullOrWhiteSpace(format) ? "auto" : format.Trim();
        v.OneOf("format", format, Formats, "文件格式");
        if (encoding is { Length: > 0 } && encoding is not ("auto" or "utf-8" or "gbk")) v.Add("encoding", $"编码“{encoding}”无效，应为 auto、utf-8 或 gbk");
        v.ThrowIfInvalid();

        await using var ms = new MemoryStream();
        await file!.CopyToAsync(ms, ct);
        var bytes = ms.ToArray();
        // a format recognised but not read is refused at once, naming it and what is read instead
        if (SourceFormat.Unsupported(SourceFormat.HeadOfUpload(bytes)) is { } unsupported)
            throw new RequestValidationException("file", SourceFormat.Refusal(unsupported));
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        if (mappingId is < 0)
        {
            // ListImportMappings lists the built-in layouts with ids -1, -2 …: choosing one means that format
            var index = (int)Math.Min(-mappingId.Value - 1, int.MaxValue);
            if (index >= TabularMapping.BuiltIn.Count) throw new RequestValidationException("mappingId", $"列映射 {mappingId} 不存在");
            format = TabularMapping.BuiltIn.Keys.ElementAt(index);
            mappingId = null;
        }
        if (mappingId is not null)
        {
            await using var check = new NpgsqlCommand("SELECT 1 FROM import_mappings WHERE id = $1", conn, tx) { Parameters = { new() { Value = mappingId } } };
            if (await check.ExecuteScalarAsync(ct) is null) throw new RequestValidationException("mappingId", $"列映射 {mappingId} 不存在");
        }
        long fileId;
        await using (var cmd = new NpgsqlCommand("""
            INSERT INTO stored_files (file_name, content_type, size_bytes, sha256, content, uploaded_by) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id
            """, conn, tx))
        {
            cmd.Parameters.Add(new() { Value = file.FileName });
            cmd.Parameters.Add(new() { Value = file.ContentType ?? "application/octet-stream" });
            cmd.Parameters.Add(new() { Value = (long)bytes.Length });
            cmd.Parameters.Add(new() { Value = Convert.ToHexString(SHA256.HashData(bytes)).ToLowerInvariant() });
            cmd.Parameters.Add(new() { Value = bytes, NpgsqlDbType = NpgsqlDbType.Bytea });
            cmd.Parameters.Add(new() { Value = (object?)me.Id ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Bigint });
            fileId = (long)(await cmd.ExecuteScalarAsync(ct))!;
        }
        long importId;
        await using (var cmd = new NpgsqlCommand("""
            INSERT INTO imports (file_id, file_name, format, encoding, mapping_id, created_by) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id
            """, conn, tx))
        {
            cmd.Parameters.Add(new() { Value = fileId });
            cmd.Parameters.Add(new() { Value = file.FileName });
            cmd.Parameters.Add(new() { Value = format });
            cmd.Parameters.Add(new() { Value = encoding is null or "auto" ? DBNull.Value : encoding, NpgsqlDbType = NpgsqlDbType.Text });
            cmd.Parameters.Add(new() { Value = (object?)mappingId ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Bigint });
            cmd.Parameters.Add(new() { Value = (object?)me.Id ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Bigint });
            importId = (long)(await cmd.ExecuteScalarAsync(ct))!;
        }
        var jobId = await jobs.EnqueueAsync(ImportJob.JobKind, new { importId }, me.Id, ct, conn, tx);
        await using (var cmd = new NpgsqlCommand("UPDATE imports SET job_id = $2 WHERE id = $1", conn, tx) { Parameters = { new() { Value = importId }, new() { Value = jobId } } })
            await cmd.ExecuteNonQueryAsync(ct);
        await AuditLog.WriteAsync(conn, tx, me, "create", "imports", importId.ToString(), null,
            new { fileName = file.FileName, sizeBytes = bytes.Length, format, encoding, mappingId }, ct);
        await tx.CommitAsync(ct);
        signal.Poke(); // wake the runner once the job is committed; the poke inside EnqueueAsync can come too early to see it
        return TypedResults.Accepted($"/api/imports/{importId}", new ImportAccepted(importId, "queued"));
    }
}
