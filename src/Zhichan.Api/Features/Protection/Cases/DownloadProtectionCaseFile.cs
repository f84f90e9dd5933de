using static Zhichan.Api.Features.Protection.Cases.CaseQueries;

namespace Zhichan.Api.Features.Protection.Cases;

/// <summary>Downloads a file the caller may see.</summary>
public static class DownloadProtectionCaseFile
{
    public static async Task<FileContentHttpResult> HandleAsync(long id, long fileId, ZhichanDb db, CurrentUser me, CancellationToken ct)
    {
        var c = await FindVisibleAsync(db, me, id, ct);
        // an internal document answers like an unknown id: its existence is not revealed to those who may not see it
        var f = await VisibleFiles(db, me, c.Id).AsNoTracking().FirstOrDefaultAsync(f => f.Id == fileId, ct)
            ?? throw new DomainException($"文件 {fileId} 不存在", 404);
        return TypedResults.File(f.Content, f.ContentType, f.FileName);
    }
}
