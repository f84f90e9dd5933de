using static Zhichan.Api.Features.Admin.OrgUnitRules;

namespace Zhichan.Api.Features.Admin;

/// <summary>Changes an org unit.</summary>
public static class UpdateOrgUnit
{
    public static async Task<Ok<OrgUnitDto>> HandleAsync(long id, OrgUnitRequest req, ZhichanDb db, CancellationToken ct)
    {
        var unit = await db.OrgUnits.SingleOrDefaultAsync(o => o.Id == id, ct);
        if (unit is null) throw new DomainException($"单位 {id} 不存在", 404);
        Validate(req);
        if (req.ParentId == id) throw new RequestValidationException("parentId", "上级单位不能是自己");
        Apply(unit, req);
        unit.UpdatedAt = DateTimeOffset.UtcNow;
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(ToDto(unit));
    }
}
