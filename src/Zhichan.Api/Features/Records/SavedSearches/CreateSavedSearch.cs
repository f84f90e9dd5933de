using static Zhichan.Api.Features.Records.SavedSearches.SavedSearchRules;

namespace Zhichan.Api.Features.Records.SavedSearches;

/// <summary>Saves a search of the caller's (audited).</summary>
public static class CreateSavedSearch
{
    public static async Task<Created<SavedSearchDto>> HandleAsync(SavedSearchRequest req, ZhichanDb db, NpgsqlDataSource data, CurrentUser me, CancellationToken ct)
    {
        var (name, q, filters) = await ValidateAsync(req, null, db, me, data, ct);
        if (await Mine(db, me).CountAsync(ct) >= MaxPerUser)
            throw new DomainException($"最多保存 {MaxPerUser} 条检索，请先删除不再使用的检索");
        var s = new SavedSearch { UserId = me.Id!.Value, Name = name, Q = q, Filters = FiltersJson(filters) };
        db.Add(s);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/saved-searches/{s.Id}", Dto(s));
    }
}
