using static Zhichan.Api.Features.Protection.Cases.CaseQueries;

namespace Zhichan.Api.Features.Protection.Cases;

public sealed record CaseFileVisibilityRequest(string? Visibility);

/// <summary>Sets a file internal or shared with the parties.</summary>
public static class SetProtectionCaseFileVisibility
{
    /// <summary>SetProtectionCaseFileVisibility: the handler shares a document with the parties, or makes it internal again (audited, on the timeline).</summary>
    public static async Task<Ok<CaseDetail>> HandleAsync(long id, long fileId, CaseFileVisibilityRequest req, ZhichanDb db, CurrentUser me,
        ProtectionClock clock, CancellationToken ct)
    {
        var c = await FindHandleableAsync(db, me, id, ct);
        var v = new Validation();
        v.Required("visibility", req.Visibility, "可见范围").OneOf("visibility", req.Visibility, FileVisibility.Labels.Keys, "可见范围");
        v.ThrowIfInvalid();
        var f = await db.Set<ComplaintFile>().FirstOrDefaultAsync(x => x.Id == fileId && x.ComplaintId == c.Id, ct)
            ?? throw new DomainException($"文件 {fileId} 不存在", 404);
        if (f.Visibility != req.Visibility)
        {
            f.Visibility = req.Visibility!;
            Log(db, me, c, "file_visibility", null, null, $"“{f.FileName}”设为{FileVisibility.Labels[f.Visibility]}", false);
            await db.SaveChangesAsync(ct);
        }
        return TypedResults.Ok(await DetailAsync(db, me, c, clock, ct));
    }
}
