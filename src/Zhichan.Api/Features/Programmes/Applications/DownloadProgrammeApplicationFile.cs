namespace Zhichan.Api.Features.Programmes;

/// <summary>Downloads an attachment of an application the caller may see (404 otherwise).</summary>
public static class DownloadProgrammeApplicationFile
{
    public static async Task<FileContentHttpResult> HandleAsync(long fileId, ZhichanDb db, CurrentUser me, CancellationToken ct)
    {
        var appId = await db.Set<ProgrammeApplicationFile>().AsNoTracking().Where(f => f.FileId == fileId).Select(f => (long?)f.ApplicationId).FirstOrDefaultAsync(ct)
                    ?? throw new DomainException("附件不存在", 404);
        if (!await ApplicationQueries.Visible(db, me).AnyAsync(a => a.Id == appId, ct)) throw new DomainException("附件不存在", 404);
        var f = await db.Database.GetDbConnection().QuerySingleAsync<(string FileName, string ContentType, byte[] Content)>(new CommandDefinition(
            "SELECT file_name, content_type, content FROM stored_files WHERE id = @fileId", new { fileId }, cancellationToken: ct));
        return TypedResults.File(f.Content, f.ContentType, f.FileName);
    }
}
