namespace Zhichan.Api.Features.Registries.Agencies.Inspections;

public sealed record InspectorRelationDto(long Id, long AgencyId, string AgencyName, string Relation, DateOnly DeclaredOn);

public sealed record InspectorDto(long Id, string Name, long OrgUnitId, string OrgUnitName, long? UserId, string? CertificateNumber, bool IsActive, InspectorRelationDto[] Relations);

/// <summary>The register of inspectors (执法检查人员) with their declared relations.</summary>
public static class ListInspectors
{
    public static async Task<Ok<InspectorDto[]>> HandleAsync(ZhichanDb db, CancellationToken ct) => TypedResults.Ok(await LoadAsync(db, null, ct));

    internal static async Task<InspectorDto[]> LoadAsync(ZhichanDb db, long? only, CancellationToken ct)
    {
        var rows = await (from i in db.Set<Inspector>() join u in db.OrgUnits on i.OrgUnitId equals u.Id where only == null || i.Id == only
                          orderby i.Id select new { i, Unit = u.Name }).AsNoTracking().ToListAsync(ct);
        var ids = rows.Select(r => r.i.Id).ToList();
        var relations = (await (from r in db.Set<InspectorRelation>() join a in db.Set<Agency>() on r.AgencyId equals a.Id where ids.Contains(r.InspectorId)
                                select new { r, a.Name }).AsNoTracking().ToListAsync(ct)).ToLookup(x => x.r.InspectorId);
        return rows.Select(x => new InspectorDto(x.i.Id, x.i.Name, x.i.OrgUnitId, x.Unit, x.i.UserId, x.i.CertificateNumber, x.i.IsActive,
            relations[x.i.Id].Select(r => new InspectorRelationDto(r.r.Id, r.r.AgencyId, r.Name, r.r.Relation, r.r.DeclaredOn)).ToArray())).ToArray();
    }
}
