using static Zhichan.Api.Features.Protection.Cases.CaseQueries;

namespace Zhichan.Api.Features.Protection.Cases;

public sealed record CaseAssignRequest(long? HandlingUnitId);

/// <summary>The bureau assigns the handling unit.</summary>
public static class AssignProtectionCase
{
    public static async Task<Ok<CaseDetail>> HandleAsync(long id, CaseAssignRequest req, ZhichanDb db, CurrentUser me, ProtectionClock clock, CancellationToken ct)
    {
        var c = await FindVisibleAsync(db, me, id, ct);
        if (req.HandlingUnitId is not { } uid) throw new RequestValidationException("handlingUnitId", "请选择承办单位");
        var unit = await db.OrgUnits.FirstOrDefaultAsync(u => u.Id == uid, ct) ?? throw new RequestValidationException("handlingUnitId", $"单位 {uid} 不存在");
        if (unit.Kind is not (OrgUnitKinds.Bureau or OrgUnitKinds.District or OrgUnitKinds.Department))
            throw new RequestValidationException("handlingUnitId", $"“{unit.Name}”不是执法或办案单位");
        c.HandlingUnitId = uid; c.UpdatedAt = DateTimeOffset.UtcNow;
        Log(db, me, c, "assign", null, null, $"分派至{unit.Name}", false);
        await ProtectionAlerts.FastTrackAsync(db, c, ct);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(await DetailAsync(db, me, c, clock, ct));
    }
}
