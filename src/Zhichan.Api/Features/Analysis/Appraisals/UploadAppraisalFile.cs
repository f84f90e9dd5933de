using Zhichan.Api.Platform.Files;

namespace Zhichan.Api.Features.Analysis.Appraisals;

/// <summary>
/// Attaches a file to a request (项目材料): the upload checks every module uses (type, size, content), content in stored_files;
/// whoever may change the request (the requester before acceptance or after a return, the bureau until archiving), audited.
/// </summary>
public static class UploadAppraisalFile
{
    public static async Task<Created<AppraisalFileDto>> HandleAsync(long id, IFormFile? file, [Microsoft.AspNetCore.Mvc.FromForm] string? description, ZhichanDb db,
        NpgsqlDataSource data, CurrentUser me, TimeProvider clock, CancellationToken ct)
    {
        var a = await AppraisalQueries.FindAsync(db, me, id, ct);
        if (!(await AppraisalQueries.DetailAsync(db, data, a, me, ChinaTime.Today(clock), ct)).Editable)
            throw new DomainException($"评议申请当前状态为“{AppraisalStates.Machine.StateName(a.Status)}”，不能上传附件");
        description = description?.Trim();
        var v = new Validation();
        v.MaxLength("description", description, 200, "附件说明").PlainText("description", description, "附件说明");
        if (file is null) v.Add("file", "请选择文件");
        v.ThrowIfInvalid();
        var bytes = await UploadedFiles.ReadAsync(file!, ct);
        var problem = bytes is null ? $"文件“{Path.GetFileName(file!.FileName)}”超过单个文件上限 {UploadedFiles.MaxFileBytes / 1024 / 1024} MB" : UploadedFiles.Problem(file!.FileName, bytes);
        if (problem is not null) throw new RequestValidationException("file", problem);
        UploadedFiles.ContentTypeOf(Path.GetExtension(file!.FileName), out var contentType);
        var name = Path.GetFileName(file.FileName);
        await using var conn = await data.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var row = await conn.QuerySingleAsync<(long Id, DateTime UploadedAt)>(new CommandDefinition("""
            INSERT INTO stored_files (file_name, content_type, size_bytes, sha256, content, uploaded_by) VALUES (@name, @contentType, @size, @sha, @bytes, @by)
            RETURNING id, uploaded_at
            """, new { name, contentType, size = (long)bytes!.Length, sha = UploadedFiles.Sha256(bytes), bytes, by = me.Id }, tx, cancellationToken: ct));
        await conn.ExecuteAsync(new CommandDefinition("INSERT INTO appraisal_files (file_id, appraisal_id, description, uploaded_by) VALUES (@Id, @id, @description, @by)",
            new { row.Id, id, description = string.IsNullOrEmpty(description) ? null : description, by = me.Id }, tx, cancellationToken: ct));
        await conn.ExecuteAsync(new CommandDefinition("""
            INSERT INTO appraisal_events (appraisal_id, action, from_state, to_state, note, actor_id, actor_name) VALUES (@id, 'file_added', @s, @s, @name, @by, @who)
            """, new { id, s = a.Status, name, by = me.Id, who = me.Name }, tx, cancellationToken: ct));
        await AuditLog.WriteAsync(conn, tx, me, "upload", "appraisal_files", row.Id.ToString(), null, new { appraisalId = id, name, contentType, size = bytes.Length, description }, ct);
        await tx.CommitAsync(ct);
        var link = $"/api/analysis/appraisals/files/{row.Id}";
        return TypedResults.Created(link, new AppraisalFileDto(row.Id, name, contentType, bytes.Length, description, row.UploadedAt, link));
    }
}
