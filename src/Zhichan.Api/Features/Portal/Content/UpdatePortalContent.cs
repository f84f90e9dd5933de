using static Zhichan.Api.Features.Portal.Content.ContentQueries;

namespace Zhichan.Api.Features.Portal.Content;

/// <summary>门户管理: edits an item (its kind stays); a published item shows the change at once.</summary>
public static class UpdatePortalContent
{
    public static async Task<Ok<ContentDto>> HandleAsync(long id, ContentInput input, ZhichanDb db, CurrentUser me, CancellationToken ct)
    {
        var c = await FindAsync(db, id, ct);
        Apply(c, input, kindFixed: true);
        await CheckSlugAsync(db, c, ct);
        c.UpdatedBy = me.Id;
        c.UpdatedAt = DateTimeOffset.UtcNow;
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(Full(c));
    }
}
