namespace Zhichan.Api.Features.Registries.Agencies.Inspections;

public sealed record InspectorRelationRequest(long? AgencyId, string? Relation, DateOnly? DeclaredOn);

/// <summary>Records a relation an inspector declared with an agency: he is never drawn for it (回避).</summary>
public static class AddInspectorRelation
{
    public static async Task<Created<InspectorDto>> HandleAsync(long id, InspectorRelationRequest req, ZhichanDb db, TimeProvider clock, CancellationToken ct)
    {
        if (!await db.Set<Inspector>().AnyAsync(x => x.Id == id, ct)) throw new DomainException($"检查人员 {id} 不存在", 404);
        var v = new Validation();
        v.Required("relation", req.Relation, "关联关系").MaxLength("relation", req.Relation, 200, "关联关系");
        if (req.AgencyId is not { } agency || !await db.Set<Agency>().AnyAsync(a => a.Id == agency, ct)) v.Add("agencyId", "请选择存在的服务机构");
        else if (await db.Set<InspectorRelation>().AnyAsync(r => r.InspectorId == id && r.AgencyId == agency, ct)) v.Add("agencyId", "已申报与该机构的关联关系");
        v.ThrowIfInvalid();
        db.Set<InspectorRelation>().Add(new InspectorRelation
        {
            InspectorId = id, AgencyId = req.AgencyId!.Value, Relation = req.Relation!.Trim(), DeclaredOn = req.DeclaredOn ?? ChinaTime.Today(clock),
        });
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/registries/inspections/inspectors/{id}", (await ListInspectors.LoadAsync(db, id, ct))[0]);
    }
}
