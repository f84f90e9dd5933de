namespace Zhichan.Api.Features.Programmes.Review;

/// <summary>A published draw for anyone: seed, algorithm, inputs and result with experts' ids and masked names only, and the re-run check.</summary>
public static class GetPublicExpertDraw
{
    public static async Task<Ok<ExpertDrawDto>> HandleAsync(long id, ZhichanDb db, CancellationToken ct)
    {
        var draw = await db.Set<ProgrammeDraw>().AsNoTracking().FirstOrDefaultAsync(d => d.Id == id && d.PublishedAt != null, ct)
                   ?? throw new DomainException($"专家抽取 {id} 不存在或尚未公示", 404);
        return TypedResults.Ok(await ReviewViews.ToDtoAsync(db, draw, true, ct));
    }
}
