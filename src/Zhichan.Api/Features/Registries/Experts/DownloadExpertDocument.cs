namespace Zhichan.Api.Features.Registries.Experts;

/// <summary>Downloads a document of an expert's file: the bureau, and the expert it belongs to (anyone else gets 404).</summary>
public static class DownloadExpertDocument
{
    public static async Task<FileContentHttpResult> HandleAsync(long id, long documentId, ZhichanDb db, CurrentUser me, CancellationToken ct)
    {
        var owner = await db.Set<Expert>().Where(e => e.Id == id).Select(e => new { e.UserId }).FirstOrDefaultAsync(ct);
        if (owner is null || !me.IsStaff && (owner.UserId is null || owner.UserId != me.Id)) throw new DomainException($"专家 {id} 不存在", 404);
        var conn = (NpgsqlConnection)db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(ct);
        var f = await conn.QuerySingleOrDefaultAsync<(string FileName, string ContentType, byte[] Content)?>("""
            SELECT s.file_name, s.content_type, s.content FROM expert_documents d JOIN stored_files s ON s.id = d.file_id
            WHERE d.id = @documentId AND d.expert_id = @id
            """, new { documentId, id }) ?? throw new DomainException($"文件 {documentId} 不存在", 404);
        return TypedResults.File(f.Content, f.ContentType, f.FileName);
    }
}
