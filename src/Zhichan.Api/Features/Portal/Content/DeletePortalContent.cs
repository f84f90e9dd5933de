using static Zhichan.Api.Features.Portal.Content.ContentQueries;

namespace Zhichan.Api.Features.Portal.Content;

/// <summary>门户管理: deletes a draft; a published item must be taken off the portal first.</summary>
public static class DeletePortalContent
{
    public static async Task<NoContent> HandleAsync(long id, ZhichanDb db, CancellationToken ct)
    {
        var c = await FindAsync(db, id, ct);
        if (c.Status == ContentStatuses.Published) throw new DomainException("已发布的内容须先撤回再删除", 409);
        db.Remove(c);
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }
}
