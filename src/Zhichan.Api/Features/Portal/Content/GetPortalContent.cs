using static Zhichan.Api.Features.Portal.Content.ContentQueries;

namespace Zhichan.Api.Features.Portal.Content;

/// <summary>门户管理: one content item for the editor, draft or published.</summary>
public static class GetPortalContent
{
    public static async Task<Ok<ContentDto>> HandleAsync(long id, ZhichanDb db, CancellationToken ct) =>
        TypedResults.Ok(Full(await FindAsync(db, id, ct)));
}
