using static Zhichan.Api.Features.Portal.Content.ContentQueries;

namespace Zhichan.Api.Features.Portal.Content;

/// <summary>门户管理: a new item, saved as a draft (anonymous visitors see it only once published).</summary>
public static class CreatePortalContent
{
    public static async Task<Created<ContentDto>> HandleAsync(ContentInput input, ZhichanDb db, CurrentUser me, CancellationToken ct)
    {
        var c = new PortalContent { CreatedBy = me.Id, UpdatedBy = me.Id };
        Apply(c, input, kindFixed: false);
        await CheckSlugAsync(db, c, ct);
        db.Add(c);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/portal/content/{c.Id}", Full(c));
    }
}
