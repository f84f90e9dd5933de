using static Zhichan.Api.Features.Records.SavedSearches.SavedSearchRules;

namespace Zhichan.Api.Features.Records.SavedSearches;

/// <summary>Renames a saved search of the caller's or replaces its search (audited); another user's answers 404.</summary>
public static class UpdateSavedSearch
{
    public static async Task<Ok<SavedSearchDto>> HandleAsync(long id, SavedSearchRequest req, ZhichanDb db, NpgsqlDataSource data, CurrentUser me, CancellationToken ct)
    {
        var s = await Mine(db, me).FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw new DomainException($"保存的检索 {id} 不存在", 404);
        var (name, q, filters) = await ValidateAsync(req, id, db, me, data, ct);
        s.Name = name;
        s.Q = q;
        s.Filters = FiltersJson(filters);
        s.UpdatedAt = DateTimeOffset.UtcNow;
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(Dto(s));
    }
}
