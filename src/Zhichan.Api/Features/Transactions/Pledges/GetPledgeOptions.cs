using Zhichan.Api.Features.Registries.Agencies;
using Zhichan.Api.Features.Registries.Entities;

namespace Zhichan.Api.Features.Transactions.Pledges;

/// <summary>
/// What the pledge and valuation forms choose from: the bank units, the agencies (valuers), the caller's own entity or agency, and —
/// for the bureau and agencies, who act for others — the entities whose name contains <paramref name="entity"/> (at most 20).
/// </summary>
public static class GetPledgeOptions
{
    public sealed record Response(PledgeOptions Options, IReadOnlyList<OptionDto> Entities);

    public static async Task<Ok<Response>> HandleAsync(string? entity, ZhichanDb db, CurrentUser me, CancellationToken ct)
    {
        if (me.Role is Roles.Department or Roles.Expert) throw new DomainException("质押融资与评估的选项不向本角色开放", 403, "禁止访问");
        var v = new Validation().MaxLength("entity", entity, 100, "主体名称");
        v.ThrowIfInvalid();
        var banks = await db.OrgUnits.AsNoTracking().Where(u => u.Kind == OrgUnitKinds.Bank && u.IsActive).OrderBy(u => u.Name)
            .Select(u => new OptionDto(u.Id, u.Name, u.RegionCode)).ToListAsync(ct);
        var valuers = await db.Set<Agency>().AsNoTracking().OrderBy(a => a.Name).Select(a => new OptionDto(a.Id, a.Name, a.RegionCode)).Take(500).ToListAsync(ct);
        var own = await EntityQueries.OwnAsync(db, me, ct);
        var myAgency = me.Role == Roles.Agency && me.OrgUnitId is { } org
            ? await db.Set<Agency>().AsNoTracking().Where(a => a.OrgUnitId == org).Select(a => new OptionDto(a.Id, a.Name, a.RegionCode)).FirstOrDefaultAsync(ct)
            : null;
        var entities = new List<OptionDto>();
        if (!string.IsNullOrWhiteSpace(entity) && me.Role is Roles.Admin or Roles.Bureau or Roles.Agency)
        {
            var text = entity.Trim();
            entities = await db.Set<InnovationEntity>().AsNoTracking().Where(e => e.MergedInto == null && e.Name.Contains(text))
                .OrderBy(e => e.Name.Length).ThenBy(e => e.Id).Take(20).Select(e => new OptionDto(e.Id, e.Name, e.RegionCode)).ToListAsync(ct);
        }
        return TypedResults.Ok(new Response(new PledgeOptions(banks, valuers, own is null ? null : new OptionDto(own.Id, own.Name, own.RegionCode), myAgency,
            PledgeStates.Labels, ValuationMethods.Labels), entities));
    }
}
