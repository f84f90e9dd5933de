using Zhichan.Api.Features.Registries.Agencies;
using Zhichan.Api.Features.Registries.Entities;

namespace Zhichan.Api.Features.Transactions.Custody;

/// <param name="IsExample">A demo row (示例), shown as such.</param>
public sealed record CustodyPartyOption(long Id, string Name, bool IsExample);

/// <summary>
/// Who the caller can propose a contract to: an enterprise picks among the agencies in the register (在册); an agency among
/// the enterprises that have a platform account (an entity linked to an org unit), since the enterprise must confirm.
/// </summary>
public static class ListCustodyParties
{
    public static async Task<Ok<IReadOnlyList<CustodyPartyOption>>> HandleAsync(string? q, ZhichanDb db, CurrentUser me, CancellationToken ct)
    {
        var t = q?.Trim() ?? "";
        if (me.Role == Roles.Enterprise)
            return TypedResults.Ok<IReadOnlyList<CustodyPartyOption>>(await db.Set<Agency>().AsNoTracking().Where(a => a.Status == "active" && (t == "" || a.Name.Contains(t)))
                .OrderBy(a => a.IsExample).ThenBy(a => a.Name).Take(50).Select(a => new CustodyPartyOption(a.Id, a.Name, a.IsExample)).ToListAsync(ct));
        return TypedResults.Ok<IReadOnlyList<CustodyPartyOption>>(await db.Set<InnovationEntity>().AsNoTracking()
            .Where(e => e.OrgUnitId != null && e.MergedInto == null && (t == "" || e.Name.Contains(t)))
            .OrderBy(e => e.Name).Take(50).Select(e => new CustodyPartyOption(e.Id, e.Name, false)).ToListAsync(ct));
    }
}
