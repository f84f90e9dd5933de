using Zhichan.Api.Features.Records;
using static Zhichan.Api.Features.Analysis.Navigation.NavigationQueries;

namespace Zhichan.Api.Features.Analysis.Navigation;

/// <summary>The navigation projects the caller sees (enterprise: its unit's; district: its region's; staff: all), latest changed first.</summary>
public static class ListNavigationProjects
{
    public static async Task<Ok<Page<NavigationProjectDto>>> HandleAsync(string? kind, int? page, int? pageSize, ZhichanDb db, RecordsReference reference,
        CurrentUser me, CancellationToken ct)
    {
        var (_, size, offset) = Paging.Of(page, pageSize, 20, 100);
        var q = Visible(db, me).AsNoTracking();
        if (!string.IsNullOrWhiteSpace(kind))
        {
            new Validation().OneOf("kind", kind, NavigationKinds.Names.Keys, "导航类型").ThrowIfInvalid();
            q = q.Where(p => p.Kind == kind);
        }
        var total = await q.LongCountAsync(ct);
        var rows = await q.OrderByDescending(p => p.UpdatedAt).ThenByDescending(p => p.Id).Skip(offset).Take(size).ToListAsync(ct);
        var ids = rows.Select(p => p.Id).ToList();
        var versions = await db.Set<NavigationVersion>().Where(v => ids.Contains(v.ProjectId)).GroupBy(v => v.ProjectId)
            .Select(g => new { g.Key, N = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.N, ct);
        return TypedResults.Ok(new Page<NavigationProjectDto>([.. rows.Select(p => Dto(p, me, reference, versions.GetValueOrDefault(p.Id)))], total));
    }
}
