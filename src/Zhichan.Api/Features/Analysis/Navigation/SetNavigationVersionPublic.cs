using Zhichan.Api.Features.Plans.Assessments;
using static Zhichan.Api.Features.Analysis.Navigation.NavigationQueries;

namespace Zhichan.Api.Features.Analysis.Navigation;

/// <summary>
/// Makes a published version of a navigation report public on the portal, or withdraws it (ADR 0060; staff only, audited). The
/// public sees exactly the frozen version. An enterprise's own project (its R&amp;D and business analyses) is the enterprise's:
/// the bureau does not publish it.
/// </summary>
public static class SetNavigationVersionPublic
{
    public static async Task<Ok<NavigationVersionDto>> HandleAsync(long id, int number, PublicFlagRequest req, ZhichanDb db, CurrentUser me, CancellationToken ct)
    {
        if (req.Public is not { } makePublic) throw new RequestValidationException("public", "请说明是否向社会公开");
        var p = await FindAsync(db, me, id, ct);
        if (makePublic && p.OrgUnitId is not null) throw new DomainException("创新主体自己的导航项目属于该单位，知识产权局不能将其报告向社会公开", 409);
        var v = await db.Set<NavigationVersion>().FirstOrDefaultAsync(x => x.ProjectId == id && x.Number == number, ct)
                ?? throw new DomainException($"导航项目 {id} 没有第 {number} 版", 404);
        if (makePublic == v.PublicAt is not null) throw new DomainException(makePublic ? "该版本已向社会公开" : "该版本未向社会公开", 409);
        v.PublicAt = makePublic ? DateTimeOffset.UtcNow : null;
        v.PublicBy = makePublic ? await DisplayNameAsync(db, me, ct) : null;
        await db.SaveChangesAsync(ct); // audited as an update of navigation_versions (public_at, public_by)
        using var snapshot = System.Text.Json.JsonDocument.Parse(v.Snapshot);
        var d = snapshot.RootElement.GetProperty("data");
        var total = d.TryGetProperty("total", out var t) && t.TryGetInt64(out var n) ? n : 0;
        DateTimeOffset? dataDate = d.TryGetProperty("dataDate", out var dd) && dd.ValueKind == System.Text.Json.JsonValueKind.String ? dd.GetDateTimeOffset() : null;
        return TypedResults.Ok(new NavigationVersionDto(v.Id, v.Number, v.PublishedBy, v.PublishedAt, total, dataDate, v.PublicAt));
    }
}
