using static Zhichan.Api.Features.Admin.OrgUnitRules;

namespace Zhichan.Api.Features.Admin;

public sealed record OrgUnitRequest(string? Name, string? Kind, string? RegionCode, string? CreditCode, long? ParentId, bool IsActive = true);

/// <summary>Creates an org unit.</summary>
public static class CreateOrgUnit
{
    public static async Task<Created<OrgUnitDto>> HandleAsync(OrgUnitRequest req, ZhichanDb db, CancellationToken ct)
    {
        Validate(req);
        var unit = new OrgUnit();
        Apply(unit, req);
        db.OrgUnits.Add(unit);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/admin/org-units/{unit.Id}", ToDto(unit));
    }
}
