using static Zhichan.Api.Features.Records.SavedSearches.SavedSearchRules;

namespace Zhichan.Api.Features.Records.SavedSearches;

/// <summary>The caller's saved searches, the most recently saved first (at most <see cref="SavedSearchRules.MaxPerUser"/>).</summary>
public static class ListSavedSearches
{
    public static async Task<Ok<List<SavedSearchDto>>> HandleAsync(ZhichanDb db, CurrentUser me, CancellationToken ct)
    {
        var rows = await Mine(db, me).OrderByDescending(s => s.UpdatedAt).ThenByDescending(s => s.Id).Take(MaxPerUser).ToListAsync(ct);
        return TypedResults.Ok(rows.Select(Dto).ToList());
    }
}
