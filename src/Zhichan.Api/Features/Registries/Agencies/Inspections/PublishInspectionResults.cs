namespace Zhichan.Api.Features.Registries.Agencies.Inspections;

public sealed record PublishResultsResult(long DrawId, int Published, int Missing);

/// <summary>Publishes (公示) the results recorded so far; the draw itself is published with them if it was not yet.</summary>
public static class PublishInspectionResults
{
    public static async Task<Ok<PublishResultsResult>> HandleAsync(long id, ZhichanDb db, CancellationToken ct)
    {
        var d = await db.Set<InspectionDraw>().FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw new DomainException($"抽查 {id} 不存在", 404);
        if (d.Status != "drawn") throw new DomainException("该抽查已被重新抽取取代");
        var pending = await db.Set<InspectionResult>().Where(r => r.DrawId == id && r.PublishedAt == null).ToListAsync(ct);
        if (pending.Count == 0) throw new DomainException("没有待公示的检查结果");
        var now = DateTimeOffset.UtcNow;
        foreach (var r in pending) r.PublishedAt = now;
        d.PublishedAt ??= now;
        await db.SaveChangesAsync(ct);
        var recorded = await db.Set<InspectionResult>().CountAsync(r => r.DrawId == id, ct);
        return TypedResults.Ok(new PublishResultsResult(id, pending.Count, DrawViews.ResultOf(d).Length - recorded));
    }
}
