namespace Zhichan.Api.Features.Registries.Agencies.Inspections;

/// <summary>Publishes a draw (公示): its seed, inputs and result become public and verifiable.</summary>
public static class PublishInspectionDraw
{
    public static async Task<Ok<DrawDto>> HandleAsync(long id, ZhichanDb db, CancellationToken ct)
    {
        var d = await db.Set<InspectionDraw>().FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw new DomainException($"抽查 {id} 不存在", 404);
        if (d.Status != "drawn") throw new DomainException("已被重新抽取取代的抽查不能单独发布");
        if (d.PublishedAt is not null) throw new DomainException("该抽查已公示");
        d.PublishedAt = DateTimeOffset.UtcNow;
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(await DrawViews.ToDtoAsync(db, d, false, ct));
    }
}
