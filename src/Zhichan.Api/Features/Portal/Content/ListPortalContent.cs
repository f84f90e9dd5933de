using static Zhichan.Api.Features.Portal.Content.ContentQueries;

namespace Zhichan.Api.Features.Portal.Content;

/// <summary>门户管理: every content item, drafts included, newest change first; filter by kind and status.</summary>
public static class ListPortalContent
{
    public static async Task<Ok<Page<ContentSummaryDto>>> HandleAsync(string? kind, string? status, int? page, int? pageSize, ZhichanDb db, CancellationToken ct)
    {
        var v = new Validation().OneOf("kind", kind, ContentKinds.Names.Keys, "类别").OneOf("status", status, ContentStatuses.Names.Keys, "状态");
        v.ThrowIfInvalid();
        var (_, size, offset) = Paging.Of(page, pageSize, 20, 100);
        var q = db.Set<PortalContent>().AsNoTracking().Where(c => (kind == null || c.Kind == kind) && (status == null || c.Status == status));
        var total = await q.LongCountAsync(ct);
        var rows = await q.OrderByDescending(c => c.UpdatedAt).ThenByDescending(c => c.Id).Skip(offset).Take(size).ToListAsync(ct);
        return TypedResults.Ok(new Page<ContentSummaryDto>(rows.Select(Summary).ToList(), total));
    }
}
