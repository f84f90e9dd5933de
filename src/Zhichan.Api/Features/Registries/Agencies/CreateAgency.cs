namespace Zhichan.Api.Features.Registries.Agencies;

/// <summary>The bureau registers an agency (optionally linked to the org unit of its account).</summary>
public static class CreateAgency
{
    public static async Task<Created<AgencyDetail>> HandleAsync(AgencyStaffForm req, ZhichanDb db, TimeProvider clock, Indicators.IndicatorComputer indicators, CancellationToken ct)
    {
        var a = new Agency();
        await ApplyStaffFormAsync(db, a, req, ct);
        db.Set<Agency>().Add(a);
        await db.SaveChangesAsync(ct);
        await indicators.RefreshModuleIndicatorsAsync(ct, AgencyCountIndicator.IndicatorCode);
        return TypedResults.Created($"/api/registries/agencies/{a.Id}", await AgencyViews.DetailAsync(db, a, false, ChinaTime.Today(clock), ct));
    }

    /// <summary>Validates and writes the staff's form (shared with UpdateAgency).</summary>
    internal static async Task ApplyStaffFormAsync(ZhichanDb db, Agency a, AgencyStaffForm req, CancellationToken ct)
    {
        var v = new Validation();
        AgencyRules.Validate(req.Fields, v, partial: false, "fields.");
        var status = req.Status ?? "active";
        v.OneOf("status", status, AgencyRules.Statuses.Keys, "状态");
        if (status == "cancelled" && req.CancelledOn is null) v.Add("cancelledOn", "注销的机构请填写注销日期");
        if (req.OrgUnitId is { } unit)
        {
            var u = await db.OrgUnits.AsNoTracking().FirstOrDefaultAsync(x => x.Id == unit, ct);
            if (u is null) v.Add("orgUnitId", $"单位 {unit} 不存在");
            else if (u.Kind != OrgUnitKinds.Agency) v.Add("orgUnitId", $"“{u.Name}”不是服务机构类单位");
            else if (await db.Set<Agency>().AnyAsync(x => x.OrgUnitId == unit && x.Id != a.Id, ct)) v.Add("orgUnitId", $"“{u.Name}”已关联另一条服务机构记录");
        }
        v.ThrowIfInvalid();
        AgencyRules.Apply(a, req.Fields, partial: false);
        (a.OrgUnitId, a.Status, a.CancelledOn, a.Note) = (req.OrgUnitId, status, status == "cancelled" ? req.CancelledOn : null, req.Note?.Trim());
        await AgencyRules.CheckUniqueAsync(db, a, v, ct, "fields.");
        v.ThrowIfInvalid();
    }
}
