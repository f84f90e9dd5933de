using static Zhichan.Api.Features.Records.SavedSearches.SavedSearchRules;

namespace Zhichan.Api.Features.Records.SavedSearches;

/// <summary>Deletes a saved search of the caller's (audited); another user's answers 404.</summary>
public static class DeleteSavedSearch
{
    public static async Task<NoContent> HandleAsync(long id, ZhichanDb db, CurrentUser me, CancellationToken ct)
    {
        var s = await Mine(db, me).FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw new DomainException($"保存的检索 {id} 不存在", 404);
        db.Remove(s);
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }
}
