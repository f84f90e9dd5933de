namespace Zhichan.Api.Features.Registries.Agencies.Inspections;

/// <summary>Edits an inspector or takes one out of the draws (inactive).</summary>
public static class UpdateInspector
{
    public static async Task<Ok<InspectorDto>> HandleAsync(long id, InspectorRequest req, ZhichanDb db, CancellationToken ct)
    {
        var i = await db.Set<Inspector>().FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw new DomainException($"检查人员 {id} 不存在", 404);
        await ApplyAsync(db, i, req, ct);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok((await ListInspectors.LoadAsync(db, i.Id, ct))[0]);
    }

    internal static async Task ApplyAsync(ZhichanDb db, Inspector i, InspectorRequest req, CancellationToken ct)
    {
        var v = new Validation();
        v.Required("name", req.Name, "姓名").MaxLength("name", req.Name, 50, "姓名").MaxLength("certificateNumber", req.CertificateNumber, 50, "执法证号");
        if (req.OrgUnitId is not { } unit) v.Add("orgUnitId", "请选择所在单位");
        else if (await db.OrgUnits.AsNoTracking().FirstOrDefaultAsync(u => u.Id == unit, ct) is not { } u) v.Add("orgUnitId", $"单位 {unit} 不存在");
        else if (!(u.Kind is OrgUnitKinds.Bureau or OrgUnitKinds.Department or OrgUnitKinds.District)) v.Add("orgUnitId", $"“{u.Name}”不是行政机关，不能派出执法检查人员");
        if (req.UserId is { } uid && !await db.Users.AnyAsync(x => x.Id == uid, ct)) v.Add("userId", $"用户 {uid} 不存在");
        v.ThrowIfInvalid();
        (i.Name, i.OrgUnitId, i.UserId, i.CertificateNumber, i.IsActive) = (req.Name!.Trim(), req.OrgUnitId!.Value, req.UserId, req.CertificateNumber?.Trim(), req.IsActive ?? true);
    }
}
