namespace Zhichan.Api.Features.Analysis.Appraisals;

/// <summary>Downloads an attachment of a request the caller sees (404 otherwise).</summary>
public static class DownloadAppraisalFile
{
    public static async Task<FileContentHttpResult> HandleAsync(long fileId, ZhichanDb db, NpgsqlDataSource data, CurrentUser me, CancellationToken ct)
    {
        var link = await db.Set<AppraisalFile>().AsNoTracking().FirstOrDefaultAsync(f => f.FileId == fileId, ct) ?? throw new DomainException($"附件 {fileId} 不存在", 404);
        if (!await AppraisalQueries.Visible(db, me).AnyAsync(a => a.Id == link.AppraisalId, ct)) throw new DomainException($"附件 {fileId} 不存在", 404);
        await using var conn = await data.OpenConnectionAsync(ct);
        var f = await conn.QuerySingleAsync<(string FileName, string ContentType, byte[] Content)>(new CommandDefinition(
            "SELECT file_name, content_type, content FROM stored_files WHERE id = @fileId", new { fileId }, cancellationToken: ct));
        return TypedResults.File(f.Content, f.ContentType, f.FileName);
    }
}
