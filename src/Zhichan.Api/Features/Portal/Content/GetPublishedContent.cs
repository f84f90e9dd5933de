using static Zhichan.Api.Features.Portal.Content.ContentQueries;

namespace Zhichan.Api.Features.Portal.Content;

/// <summary>门户 (anonymous): one published item; a draft or unpublished item answers 404 as if it did not exist.</summary>
public static class GetPublishedContent
{
    public static async Task<Ok<ContentDto>> HandleAsync(long id, ZhichanDb db, CancellationToken ct)
    {
        var c = await db.Set<PortalContent>().AsNoTracking().FirstOrDefaultAsync(x => x.Id == id && x.Status == ContentStatuses.Published, ct)
                ?? throw new DomainException("内容不存在或未发布", 404);
        return TypedResults.Ok(Full(c));
    }
}
