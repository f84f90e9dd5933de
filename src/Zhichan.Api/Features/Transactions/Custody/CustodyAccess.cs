using Zhichan.Api.Platform.Workflow;
using Zhichan.Api.Features.Registries.Agencies;
using Zhichan.Api.Features.Registries.Entities;

namespace Zhichan.Api.Features.Transactions.Custody;

/// <summary>Who the caller is in custody: the entities of an enterprise's org unit, the agency row of an agency's org unit.</summary>
public sealed record CustodyParty(string? Side, long[] EntityIds, long? AgencyId);

/// <summary>
/// Row filters of custody (ADR 0037): an enterprise sees the contracts of its own entities, an agency those it is party to,
/// a district those of entities in its region (read only), the bureau and the operator all. Invisible contracts answer 404.
/// </summary>
public static class CustodyAccess
{
    public static async Task<CustodyParty> PartyAsync(ZhichanDb db, CurrentUser me, CancellationToken ct)
    {
        var org = me.OrgUnitId ?? -1;
        if (me.Role == Roles.Enterprise)
            return new(CustodySides.Enterprise, await db.Set<InnovationEntity>().AsNoTracking().Where(e => e.OrgUnitId == org && e.MergedInto == null)
                .OrderBy(e => e.Id).Select(e => e.Id).ToArrayAsync(ct), null);
        if (me.Role == Roles.Agency)
            return new(CustodySides.Agency, [], await db.Set<Agency>().AsNoTracking().Where(a => a.OrgUnitId == org).Select(a => (long?)a.Id).FirstOrDefaultAsync(ct));
        return new(null, [], null);
    }

    /// <summary>A contract (aliased <c>c</c>): its region, its entity, and the unit of its agency.</summary>
    public static readonly RowScope Scope = new("c.region_code", Enterprise: "c.entity_id", Unit: "SELECT org_unit_id FROM agencies WHERE id = c.agency_id", Roles.Agency);

    public static IQueryable<CustodyContract> Visible(ZhichanDb db, CurrentUser me) => Scope.Rows(db.Set<CustodyContract>(), "custody_contracts", "c", me);

    public static async Task<CustodyContract> FindAsync(ZhichanDb db, CurrentUser me, CustodyParty party, long id, CancellationToken ct) =>
        await Visible(db, me).FirstOrDefaultAsync(c => c.Id == id, ct) ?? throw new DomainException($"托管合同 {id} 不存在", 404);

    /// <summary>The side of the contract the caller acts for, or null (bureau, district: they read).</summary>
    public static string? SideOf(CustodyContract c, CustodyParty party) =>
        party.Side == CustodySides.Enterprise && party.EntityIds.Contains(c.EntityId) ? CustodySides.Enterprise
        : party.Side == CustodySides.Agency && party.AgencyId == c.AgencyId ? CustodySides.Agency
        : null;

    public static CustodyEvent Event(CustodyContract c, CurrentUser me, string action, string? from, string? to, string? note) =>
        new CustodyEvent { ContractId = c.Id }.Of<CustodyEvent>(action, from, to, me, note);
}
