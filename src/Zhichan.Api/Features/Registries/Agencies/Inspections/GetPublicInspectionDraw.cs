namespace Zhichan.Api.Features.Registries.Agencies.Inspections;

/// <summary>A published draw: seed, algorithm, exact inputs, result, published results; inspectors' names masked.</summary>
public static class GetPublicInspectionDraw
{
    public static async Task<Ok<DrawDto>> HandleAsync(long id, ZhichanDb db, CancellationToken ct)
    {
        var d = await db.Set<InspectionDraw>().AsNoTracking().FirstOrDefaultAsync(x => x.Id == id && x.PublishedAt != null, ct)
                ?? throw new DomainException($"抽查 {id} 不存在或尚未公示", 404);
        return TypedResults.Ok(await DrawViews.ToDtoAsync(db, d, true, ct));
    }
}
