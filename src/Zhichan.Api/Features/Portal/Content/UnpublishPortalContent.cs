using static Zhichan.Api.Features.Portal.Content.ContentQueries;

namespace Zhichan.Api.Features.Portal.Content;

/// <summary>门户管理: takes a published item off the portal (back to draft); anonymous visitors get 404 for it again.</summary>
public static class UnpublishPortalContent
{
    public static async Task<Ok<ContentDto>> HandleAsync(long id, ZhichanDb db, CurrentUser me, CancellationToken ct)
    {
        var c = await FindAsync(db, id, ct);
        if (c.Status != ContentStatuses.Published) throw new DomainException("该内容未发布", 409);
        c.Status = ContentStatuses.Draft;
        c.PublishedAt = null;
        c.UpdatedAt = DateTimeOffset.UtcNow;
        c.UpdatedBy = me.Id;
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(Full(c));
    }
}
