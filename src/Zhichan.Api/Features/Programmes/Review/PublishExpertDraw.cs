namespace Zhichan.Api.Features.Programmes.Review;

/// <summary>Publishes a draw: seed, algorithm, inputs and result become public (names masked) so that anyone can re-run it.</summary>
public static class PublishExpertDraw
{
    public static async Task<Ok<ExpertDrawDto>> HandleAsync(long id, ZhichanDb db, CurrentUser me, CancellationToken ct)
    {
        var draw = await db.Set<ProgrammeDraw>().FirstOrDefaultAsync(d => d.Id == id, ct) ?? throw new DomainException($"专家抽取 {id} 不存在", 404);
        if (draw.PublishedAt is not null) throw new DomainException("该抽取已公示");
        draw.PublishedAt = DateTimeOffset.UtcNow;
        DrawLog.Add(db, draw, "publish", me, null);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(await ReviewViews.ToDtoAsync(db, draw, false, ct));
    }
}
