using Zhichan.Api.Platform.Files;

namespace Zhichan.Api.Features.Programmes;

/// <summary>The applicant attaches a file of one of the definition's kinds to its draft or 补正 (the platform's upload checks; content in stored_files).</summary>
public static class UploadProgrammeApplicationFile
{
    public static async Task<Created<ApplicationFileView>> HandleAsync(long id, IFormFile? file, [Microsoft.AspNetCore.Mvc.FromForm] string? kind, ZhichanDb db,
        NpgsqlDataSource data, CurrentUser me, CancellationToken ct)
    {
        var a = await ApplicationQueries.LoadAsync(db, me, id, ct);
        if (!ApplicationWorkflow.ActorsOf(me, a).Contains(ApplicationStates.Applicant)) throw new DomainException("只有申报单位可以上传附件", 403, "禁止访问");
        if (!ApplicationStates.Editable.Contains(a.Status)) throw new DomainException($"申报{ApplicationStates.Machine.StateName(a.Status)}，不能上传附件");
        var (_, _, d) = await ApplicationQueries.ContextAsync(db, a, ct);
        var v = new Validation();
        var k = d.Attachments.FirstOrDefault(x => x.Kind == kind);
        if (k is null) v.Add("kind", "请选择附件类别");
        if (file is null) v.Add("file", "请选择文件");
        v.ThrowIfInvalid();
        var bytes = await UploadedFiles.ReadAsync(file!, ct);
        var problem = bytes is null ? $"文件“{Path.GetFileName(file!.FileName)}”超过单个文件上限 {UploadedFiles.MaxFileBytes / 1024 / 1024} MB" : UploadedFiles.Problem(file!.FileName, bytes);
        if (problem is not null) throw new RequestValidationException("file", problem);
        UploadedFiles.ContentTypeOf(Path.GetExtension(file!.FileName), out var contentType);
        var name = Path.GetFileName(file.FileName);
        await using var conn = await data.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var row = await conn.QuerySingleAsync<(long Id, DateTime UploadedAt)>("""
            INSERT INTO stored_files (file_name, content_type, size_bytes, sha256, content, uploaded_by) VALUES (@name, @contentType, @size, @sha, @bytes, @by)
            RETURNING id, uploaded_at
            """, new { name, contentType, size = (long)bytes!.Length, sha = UploadedFiles.Sha256(bytes), bytes, by = me.Id }, tx);
        await conn.ExecuteAsync("INSERT INTO programme_application_files (file_id, application_id, kind, uploaded_by) VALUES (@fileId, @appId, @kind, @by)",
            new { fileId = row.Id, appId = id, kind, by = me.Id }, tx);
        await AuditLog.WriteAsync(conn, tx, me, "upload", "programme_application_files", row.Id.ToString(), null,
            new { applicationId = id, kind, name, contentType, size = bytes.Length }, ct);
        await tx.CommitAsync(ct);
        var link = $"/api/programmes/application-files/{row.Id}";
        return TypedResults.Created(link, new ApplicationFileView(row.Id, kind!, k!.Label, name, contentType, bytes.Length, row.UploadedAt, link));
    }
}
