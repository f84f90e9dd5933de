namespace Zhichan.Api.Features.Registries.Agencies.Inspections;

/// <summary>Published draws (公示), superseded ones included with the reason of the re-draw.</summary>
public static class ListPublicInspectionDraws
{
    public static async Task<Ok<DrawSummary[]>> HandleAsync(ZhichanDb db, CancellationToken ct) =>
        TypedResults.Ok(await DrawViews.SummariesAsync(db, db.Set<InspectionDraw>().Where(d => d.PublishedAt != null), true, ct));
}
