namespace Zhichan.Api.Features.Registries.Agencies.Inspections;

/// <summary>Removes a declared relation (it ended); the audit log keeps it.</summary>
public static class RemoveInspectorRelation
{
    public static async Task<Ok<InspectorDto>> HandleAsync(long id, long relationId, ZhichanDb db, CancellationToken ct)
    {
        var r = await db.Set<InspectorRelation>().FirstOrDefaultAsync(x => x.Id == relationId && x.InspectorId == id, ct)
                ?? throw new DomainException($"关联关系 {relationId} 不存在", 404);
        db.Set<InspectorRelation>().Remove(r);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok((await ListInspectors.LoadAsync(db, id, ct))[0]);
    }
}
