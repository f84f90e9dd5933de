using static Zhichan.Api.Features.Portal.Content.ContentQueries;

namespace Zhichan.Api.Features.Portal.Content;

/// <summary>门户 (anonymous): a published page by its address (联系我们 = contact, 网站声明 = statement); 404 until published.</summary>
public static class GetPublishedPage
{
    public static async Task<Ok<ContentDto>> HandleAsync(string slug, ZhichanDb db, CancellationToken ct)
    {
        var c = await db.Set<PortalContent>().AsNoTracking()
                    .FirstOrDefaultAsync(x => x.Slug == slug && x.Kind == ContentKinds.Page && x.Status == ContentStatuses.Published, ct)
                ?? throw new DomainException("页面不存在或未发布", 404);
        return TypedResults.Ok(Full(c));
    }
}
