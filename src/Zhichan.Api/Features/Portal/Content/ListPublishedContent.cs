using static Zhichan.Api.Features.Portal.Content.ContentQueries;

namespace Zhichan.Api.Features.Portal.Content;

/// <summary>门户 (anonymous): published news, policy documents or pages, newest first.</summary>
public static class ListPublishedContent
{
    public static async Task<Ok<Page<ContentSummaryDto>>> HandleAsync(string? kind, int? page, int? pageSize, ZhichanDb db, CancellationToken ct)
    {
        new Validation().OneOf("kind", kind, ContentKinds.Names.Keys, "类别").ThrowIfInvalid();
        var (_, size, offset) = Paging.Of(page, pageSize, 10, 50);
        var q = db.Set<PortalContent>().AsNoTracking().Where(c => c.Status == ContentStatuses.Published && (kind == null || c.Kind == kind));
        var total = await q.LongCountAsync(ct);
        var rows = await q.OrderByDescending(c => c.PublishedAt).ThenByDescending(c => c.Id).Skip(offset).Take(size).ToListAsync(ct);
        return TypedResults.Ok(new Page<ContentSummaryDto>(rows.Select(Summary).ToList(), total));
    }
}
