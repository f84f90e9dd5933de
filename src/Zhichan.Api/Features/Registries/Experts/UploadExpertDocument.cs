using Microsoft.EntityFrameworkCore.Storage;

using Zhichan.Api.Platform.Files;

namespace Zhichan.Api.Features.Registries.Experts;

/// <summary>
/// Adds a document to an expert's file (bureau): 聘书, a qualification certificate or another paper. Every upload passes the
/// platform's checks (type, size, content agreeing with the extension) and is kept in stored_files.
/// </summary>
public static class UploadExpertDocument
{
    public static async Task<Created<ExpertDocumentDto>> HandleAsync(long id, IFormFile? file, [Microsoft.AspNetCore.Mvc.FromForm] string? kind,
        [Microsoft.AspNetCore.Mvc.FromForm] DateOnly? issuedOn, ZhichanDb db, CurrentUser me, CancellationToken ct)
    {
        if (!await db.Set<Expert>().AnyAsync(e => e.Id == id, ct)) throw new DomainException($"专家 {id} 不存在", 404);
        kind = string.IsNullOrWhiteSpace(kind) ? "appointment" : kind.Trim();
        var v = new Validation();
        v.OneOf("kind", kind, ExpertDocumentKinds.Labels.Keys, "文件类别");
        if (file is null) v.Add("file", "请选择文件");
        v.ThrowIfInvalid();
        var bytes = await UploadedFiles.ReadAsync(file!, ct);
        var problem = bytes is null ? $"文件“{Path.GetFileName(file!.FileName)}”超过单个文件上限 {UploadedFiles.MaxFileBytes / 1024 / 1024} MB" : UploadedFiles.Problem(file!.FileName, bytes);
        if (problem is not null) throw new RequestValidationException("file", problem);
        UploadedFiles.ContentTypeOf(Path.GetExtension(file!.FileName), out var contentType);
        var name = Path.GetFileName(file.FileName);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var conn = (NpgsqlConnection)db.Database.GetDbConnection();
        var fileId = await conn.ExecuteScalarAsync<long>("""
            INSERT INTO stored_files (file_name, content_type, size_bytes, sha256, content, uploaded_by) VALUES (@name, @contentType, @size, @sha, @bytes, @by)
            RETURNING id
            """, new { name, contentType, size = (long)bytes!.Length, sha = UploadedFiles.Sha256(bytes), bytes, by = me.Id }, tx.GetDbTransaction());
        var doc = new ExpertDocument { ExpertId = id, FileId = fileId, Kind = kind, IssuedOn = issuedOn, UploadedBy = me.Id };
        db.Set<ExpertDocument>().Add(doc);
        AuditLog.Add(db, me, "upload", "expert_documents", id.ToString(), null, new { name, contentType, size = bytes.Length, kind });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return TypedResults.Created(ExpertQueries.DocumentLink(id, doc.Id), new ExpertDocumentDto(doc.Id, kind, ExpertDocumentKinds.Labels[kind], name, bytes.Length,
            issuedOn, doc.UploadedAt, ExpertQueries.DocumentLink(id, doc.Id)));
    }
}
