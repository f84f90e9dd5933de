namespace Zhichan.Api.Features.Registries.Agencies.Inspections;

/// <summary>A draw in full (staff): inputs, seed, targets with inspectors' names and results.</summary>
public static class GetInspectionDraw
{
    public static async Task<Ok<DrawDto>> HandleAsync(long id, ZhichanDb db, CancellationToken ct)
    {
        var d = await db.Set<InspectionDraw>().AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw new DomainException($"抽查 {id} 不存在", 404);
        return TypedResults.Ok(await DrawViews.ToDtoAsync(db, d, false, ct));
    }
}
