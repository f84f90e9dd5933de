using static Zhichan.Api.Features.Admin.OrgUnitRules;

namespace Zhichan.Api.Features.Admin;

/// <summary>The org units (optionally of one kind).</summary>
public static class ListOrgUnits
{
    /// <summary>Government users see the units; a district user sees the units of its own region only.</summary>
    public static async Task<Ok<IReadOnlyList<OrgUnitDto>>> HandleAsync(ZhichanDb db, CurrentUser me, string? kind, CancellationToken ct)
    {
        var q = db.OrgUnits.AsNoTracking().AsQueryable();
        if (!string.IsNullOrWhiteSpace(kind)) q = q.Where(o => o.Kind == kind);
        if (me.RegionPrefix is { } prefix) q = q.Where(o => o.RegionCode != null && o.RegionCode.StartsWith(prefix));
        var list = await q.OrderBy(o => o.Kind).ThenBy(o => o.Id).ToListAsync(ct);
        return TypedResults.Ok<IReadOnlyList<OrgUnitDto>>(list.Select(ToDto).ToList());
    }
}
