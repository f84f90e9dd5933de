using static Zhichan.Api.Features.Portal.Content.ContentQueries;

namespace Zhichan.Api.Features.Portal.Content;

/// <summary>门户管理: publishes a draft (published_at = now); anonymous visitors see it from then on.</summary>
public static class PublishPortalContent
{
    public static async Task<Ok<ContentDto>> HandleAsync(long id, ZhichanDb db, CurrentUser me, CancellationToken ct)
    {
        var c = await FindAsync(db, id, ct);
        if (c.Status == ContentStatuses.Published) throw new DomainException("该内容已发布", 409);
        if (string.IsNullOrWhiteSpace(c.BodyHtml)) throw new RequestValidationException("bodyHtml", "正文为空，不能发布");
        c.Status = ContentStatuses.Published;
        c.PublishedAt = c.UpdatedAt = DateTimeOffset.UtcNow;
        c.UpdatedBy = me.Id;
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(Full(c));
    }
}
