using Zhichan.Api.Platform.Files;

namespace Zhichan.Api.Features.Transactions.Pledges;

/// <summary>Attaches (or replaces) the report file of a valuation: the agency that made it or the bureau. Stored like the registers' attachments.</summary>
public static class UploadValuationReport
{
    public static async Task<Ok<ValuationRow>> HandleAsync(long id, IFormFile? file, NpgsqlDataSource db, CurrentUser me, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        var val = await ValuationQueries.VisibleAsync(conn, me, id, ct);
        if (me.Role is not (Roles.Agency or Roles.Admin or Roles.Bureau))
            throw new DomainException("评估报告文件由评估机构上传", 403, "禁止访问");
        if (file is null) throw new RequestValidationException("file", "请选择评估报告文件");
        var bytes = await UploadedFiles.ReadAsync(file, ct);
        var problem = bytes is null ? $"文件超过单个文件上限 {UploadedFiles.MaxFileBytes / 1024 / 1024} MB" : UploadedFiles.Problem(file.FileName, bytes);
        if (problem is not null) throw new RequestValidationException("file", problem);
        UploadedFiles.ContentTypeOf(Path.GetExtension(file.FileName), out var contentType);
        var name = Path.GetFileName(file.FileName);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var fileId = await conn.ExecuteScalarAsync<long>(new CommandDefinition("""
            INSERT INTO stored_files (file_name, content_type, size_bytes, sha256, content, uploaded_by) VALUES (@name, @contentType, @size, @sha, @bytes, @by)
            RETURNING id
            """, new { name, contentType, size = (long)bytes!.Length, sha = UploadedFiles.Sha256(bytes), bytes, by = me.Id }, tx, cancellationToken: ct));
        await conn.ExecuteAsync(new CommandDefinition("UPDATE pledge_valuations SET report_file_id = @fileId, updated_at = now() WHERE id = @id",
            new { fileId, id }, tx, cancellationToken: ct));
        if (val.ReportFileId is { } old)
            await conn.ExecuteAsync(new CommandDefinition("DELETE FROM stored_files WHERE id = @old", new { old }, tx, cancellationToken: ct));
        await AuditLog.WriteAsync(conn, tx, me, "upload", "pledge_valuations", id.ToString(), new { reportFileId = val.ReportFileId },
            new { reportFileId = fileId, name, contentType, size = bytes.Length }, ct);
        await tx.CommitAsync(ct);
        return TypedResults.Ok((await ValuationQueries.VisibleAsync(conn, me, id, ct)).ToRow());
    }
}
