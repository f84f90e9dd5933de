namespace Zhichan.Api.Features.Programmes.Review;

/// <summary>A draw for the bureau: criteria, seed, algorithm, inputs, result, members and reserves, exclusions with reasons, the log and a re-run check.</summary>
public static class GetExpertDraw
{
    public static async Task<Ok<ExpertDrawDto>> HandleAsync(long id, ZhichanDb db, CancellationToken ct)
    {
        var draw = await db.Set<ProgrammeDraw>().AsNoTracking().FirstOrDefaultAsync(d => d.Id == id, ct) ?? throw new DomainException($"专家抽取 {id} 不存在", 404);
        return TypedResults.Ok(await ReviewViews.ToDtoAsync(db, draw, false, ct));
    }
}
