using Zhichan.Api.Features.Records;
using static Zhichan.Api.Features.Analysis.Navigation.NavigationQueries;

namespace Zhichan.Api.Features.Analysis.Navigation;

/// <summary>A project the caller sees (404 otherwise).</summary>
public static class GetNavigationProject
{
    public static async Task<Ok<NavigationProjectDto>> HandleAsync(long id, ZhichanDb db, RecordsReference reference, CurrentUser me, CancellationToken ct)
    {
        var p = await FindAsync(db, me, id, ct);
        return TypedResults.Ok(Dto(p, me, reference, await db.Set<NavigationVersion>().CountAsync(v => v.ProjectId == id, ct)));
    }
}
