using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Npgsql;
using NpgsqlTypes;
using Zhichan.Api.Features.Records.Sources;
using Zhichan.Api.Features.Records.Sources.Tabular;
using Zhichan.Api.Platform.Audit;
using Zhichan.Api.Platform.Auth;
using Zhichan.Api.Platform.Errors;
using Zhichan.Api.Platform.Jobs;

namespace Zhichan.Api.Features.Records.Imports;

public sealed record ImportAccepted(long Id, string Status);

public sealed record ImportDto(long Id, string FileName, string Format, string? Encoding, string Status, long RowsRead, long Inserted, long Updated,
    long Unchanged, long Rejected, long RejectionCount, int? Percent, string? Message, DateTimeOffset CreatedAt, DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt, long? DurationMs, string? CreatedBy, bool Bulk);

public sealed record RejectionDto(long RowNumber, string Field, string? Value, string Reason, bool WholeRow);

public sealed record ImportPreview(string[] Columns, string[][] Rows, string? Encoding, string Format, string? DetectedLayout,
    Dictionary<string, string> SuggestedMapping, TargetField[] TargetFields);

public sealed record ImportMappingDto(long Id, string Name, Dictionary<string, string> Mapping, bool BuiltIn);

public sealed record CreateImportMappingRequest(string? Name, Dictionary<string, string>? Mapping);

/// <summary>Upload, follow and inspect imports (CreateImport, GetImport …). Bureau staff and admins only.</summary>
public static class ImportEndpoints
{
    public const long MaxFileBytes = 512L * 1024 * 1024;
    public static readonly string[] Formats = ["auto", "cnipa-csv", "cn-db-export", "csv", "xlsx", "xml", "cnipa-xml", "wipo-xml"];

    public static void MapImports(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/imports").WithTags("Records").RequireAuthorization(Policies.Staff);
        g.MapPost("/", CreateAsync).WithName("CreateImport").WithSummary("上传文件并创建导入任务（CSV/XLSX/CNIPA XML/WIPO ST.36/ST.96）")
            .DisableAntiforgery().WithMetadata(new RequestSizeLimitAttribute(MaxFileBytes + 1024 * 1024));
        g.MapGet("/", ListAsync).WithName("ListImports").WithSummary("导入任务列表");
        g.MapGet("/{id:long}", GetAsync).WithName("GetImport").WithSummary("导入任务状态与进度");
        g.MapPost("/{id:long}/retry", RetryAsync).WithName("RetryImport").WithSummary("重新执行失败的导入：跳过已提交的批次，从中断处继续");
        g.MapGet("/{id:long}/rejections", RejectionsAsync).WithName("ListImportRejections").WithSummary("被拒绝的行（format=csv 下载）");
        g.MapPost("/preview", PreviewAsync).WithName("PreviewImport").WithSummary("预览表格的列与前几行，并建议列映射")
            .DisableAntiforgery().WithMetadata(new RequestSizeLimitAttribute(MaxFileBytes + 1024 * 1024));
        var m = app.MapGroup("/api/import-mappings").WithTags("Records").RequireAuthorization(Policies.Staff);
        m.MapGet("/", ListMappingsAsync).WithName("ListImportMappings").WithSummary("已保存的列映射（含内置格式）");
        m.MapPost("/", CreateMappingAsync).WithName("CreateImportMapping").WithSummary("保存列映射");
    }

    public static async Task<Accepted<ImportAccepted>> CreateAsync(IFormFile? file, [FromForm] string? format, [FromForm] string? encoding,
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

    /// <summary>
    /// Re-runs a failed import as a new job. The job resumes after the last committed batch (imports.batches_done) and
    /// re-writing a batch is idempotent, so the result equals one clean import of the file.
    /// </summary>
    public static async Task<Accepted<ImportAccepted>> RetryAsync(long id, NpgsqlDataSource db, JobQueue jobs, JobSignal signal, CurrentUser me, CancellationToken ct)
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
        await AuditLog.WriteAsync(conn, tx, me, "retry", "imports", id.ToString(), new { status, message, batchesDone }, new { status = "queued", jobId }, ct);
        await tx.CommitAsync(ct);
        signal.Poke(); // now that the job is visible (the poke inside EnqueueAsync came before the commit)
        return TypedResults.Accepted($"/api/imports/{id}", new ImportAccepted(id, "queued"));
    }

    private const string ImportSelect = """
        SELECT i.id, i.file_name, i.format, i.encoding, i.status, i.rows_read, i.inserted, i.updated, i.unchanged, i.rejected,
               (SELECT count(*) FROM import_rejections r WHERE r.import_id = i.id),
               CASE WHEN i.status = 'succeeded' THEN 100 WHEN j.total > 0 THEN (100 * j.progress / j.total)::int ELSE NULL END,
               COALESCE(i.message, j.message), i.created_at, i.started_at, i.finished_at, i.duration_ms, u.username, i.bulk
        FROM imports i LEFT JOIN jobs j ON j.id = i.job_id LEFT JOIN users u ON u.id = i.created_by
        """;

    public static async Task<Ok<ImportDto>> GetAsync(long id, NpgsqlDataSource db, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand(ImportSelect + " WHERE i.id = $1");
        cmd.Parameters.Add(new() { Value = id });
        await using var r = await cmd.ExecuteReaderAsync(ct);
        if (!await r.ReadAsync(ct)) throw new DomainException($"导入任务 {id} 不存在", 404);
        return TypedResults.Ok(Read(r));
    }

    public static async Task<Ok<List<ImportDto>>> ListAsync(NpgsqlDataSource db, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand(ImportSelect + " ORDER BY i.id DESC LIMIT 100");
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var list = new List<ImportDto>();
        while (await r.ReadAsync(ct)) list.Add(Read(r));
        return TypedResults.Ok(list);
    }

    private static ImportDto Read(NpgsqlDataReader r) => new(r.GetInt64(0), r.GetString(1), r.GetString(2), r.IsDBNull(3) ? null : r.GetString(3), r.GetString(4),
        r.GetInt64(5), r.GetInt64(6), r.GetInt64(7), r.GetInt64(8), r.GetInt64(9), r.GetInt64(10), r.IsDBNull(11) ? null : r.GetInt32(11),
        r.IsDBNull(12) ? null : r.GetString(12), r.GetFieldValue<DateTimeOffset>(13), r.IsDBNull(14) ? null : r.GetFieldValue<DateTimeOffset>(14),
        r.IsDBNull(15) ? null : r.GetFieldValue<DateTimeOffset>(15), r.IsDBNull(16) ? null : r.GetInt64(16), r.IsDBNull(17) ? null : r.GetString(17), r.GetBoolean(18));

    public static async Task<Results<Ok<List<RejectionDto>>, FileContentHttpResult>> RejectionsAsync(long id, string? format, NpgsqlDataSource db, CancellationToken ct)
    {
        await using (var exists = db.CreateCommand("SELECT 1 FROM imports WHERE id = $1"))
        {
            exists.Parameters.Add(new() { Value = id });
            if (await exists.ExecuteScalarAsync(ct) is null) throw new DomainException($"导入任务 {id} 不存在", 404);
        }
        await using var cmd = db.CreateCommand("SELECT row_number, field, value, reason, whole_row FROM import_rejections WHERE import_id = $1 ORDER BY row_number, field LIMIT 100000");
        cmd.Parameters.Add(new() { Value = id });
        var list = new List<RejectionDto>();
        await using (var r = await cmd.ExecuteReaderAsync(ct))
            while (await r.ReadAsync(ct)) list.Add(new(r.GetInt64(0), r.GetString(1), r.IsDBNull(2) ? null : r.GetString(2), r.GetString(3), r.GetBoolean(4)));
        if (format != "csv") return TypedResults.Ok(list);
        var sb = new StringBuilder("\uFEFF行号,字段,值,原因,整行未导入\r\n");
        foreach (var x in list) sb.Append(x.RowNumber).Append(',').Append(Csv(x.Field)).Append(',').Append(Csv(x.Value)).Append(',').Append(Csv(x.Reason)).Append(',').Append(x.WholeRow ? "是" : "否").Append("\r\n");
        return TypedResults.File(Encoding.UTF8.GetBytes(sb.ToString()), "text/csv; charset=utf-8", $"import-{id}-rejections.csv");
    }

    public static string Csv(string? v) =>
        v is null ? "" : v.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + v.Replace("\"", "\"\"") + "\"" : v;

    public static async Task<Ok<ImportPreview>> PreviewAsync(IFormFile? file, [FromForm] string? encoding, CancellationToken ct)
    {
        if (file is null || file.Length == 0) throw new RequestValidationException("file", "请选择要预览的文件");
        await using var ms = new MemoryStream();
        await file.CopyToAsync(ms, ct);
        ms.Position = 0;
        var s = TabularSource.Decompress(ms);
        var format = SourceFormat.Sniff(s, file.FileName);
        if (format == "xml") return TypedResults.Ok(new ImportPreview([], [], null, "xml", null, [], TabularMapping.Targets));
        string[] header;
        IEnumerable<TabularRow> rows;
        string? enc = null;
        try
        {
            if (format == "xlsx") (header, rows) = TabularSource.ReadXlsx(s);
            else
            {
                var (e, name) = TabularSource.DetectEncoding(s, encoding);
                enc = name;
                (header, rows) = TabularSource.ReadCsv(s, e);
            }
        }
        catch (JobFailedException e)
        {
            throw new RequestValidationException("file", e.Message);
        }
        var sample = rows.Take(10).Select(r => r.Cells).ToArray();
        var layout = TabularMapping.DetectBuiltIn(header);
        var suggested = layout is not null ? new Dictionary<string, string>(TabularMapping.BuiltIn[layout]) : TabularMapping.Suggest(header);
        return TypedResults.Ok(new ImportPreview(header, sample, enc, format, layout, suggested, TabularMapping.Targets));
    }

    public static async Task<Ok<List<ImportMappingDto>>> ListMappingsAsync(NpgsqlDataSource db, CancellationToken ct)
    {
        var list = TabularMapping.BuiltIn.Select((b, i) => new ImportMappingDto(-(i + 1), b.Key, new Dictionary<string, string>(b.Value), true)).ToList();
        await using var cmd = db.CreateCommand("SELECT id, name, mapping FROM import_mappings ORDER BY id");
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
            list.Add(new(r.GetInt64(0), r.GetString(1), JsonSerializer.Deserialize<Dictionary<string, string>>(r.GetString(2))!, false));
        return TypedResults.Ok(list);
    }

    public static async Task<Created<ImportMappingDto>> CreateMappingAsync(CreateImportMappingRequest req, NpgsqlDataSource db, CurrentUser me, CancellationToken ct)
    {
        var v = new Validation().Required("name", req.Name, "映射名称").MaxLength("name", req.Name, 100, "映射名称");
        if (req.Mapping is null || req.Mapping.Count == 0) v.Add("mapping", "请至少对应一列");
        else
        {
            foreach (var key in req.Mapping.Keys.Where(k => TabularMapping.Targets.All(t => t.Key != k))) v.Add("mapping", $"未知的目标字段“{key}”");
            foreach (var t in TabularMapping.Targets.Where(t => t.Required && !req.Mapping.ContainsKey(t.Key))) v.Add("mapping", $"必填字段“{t.Label}”未对应任何列");
        }
        if (req.Name is { } n && TabularMapping.BuiltIn.ContainsKey(n.Trim())) v.Add("name", $"“{n}”是内置格式的名称，请换一个");
        v.ThrowIfInvalid();
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await using var cmd = new NpgsqlCommand("INSERT INTO import_mappings (name, mapping, created_by) VALUES ($1, $2, $3) RETURNING id", conn, tx);
        cmd.Parameters.Add(new() { Value = req.Name!.Trim() });
        cmd.Parameters.Add(new() { Value = JsonSerializer.Serialize(req.Mapping), NpgsqlDbType = NpgsqlDbType.Jsonb });
        cmd.Parameters.Add(new() { Value = (object?)me.Id ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Bigint });
        var id = (long)(await cmd.ExecuteScalarAsync(ct))!;
        await AuditLog.WriteAsync(conn, tx, me, "create", "import_mappings", id.ToString(), null, new { name = req.Name, mapping = req.Mapping }, ct);
        await tx.CommitAsync(ct);
        return TypedResults.Created($"/api/import-mappings/{id}", new ImportMappingDto(id, req.Name.Trim(), req.Mapping!, false));
    }
}
