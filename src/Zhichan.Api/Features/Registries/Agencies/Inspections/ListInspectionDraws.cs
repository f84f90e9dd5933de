namespace Zhichan.Api.Features.Registries.Agencies.Inspections;

/// <summary>Every draw, superseded ones included (with the reason of the re-draw).</summary>
public static class ListInspectionDraws
{
    public static async Task<Ok<DrawSummary[]>> HandleAsync(ZhichanDb db, CancellationToken ct) =>
        TypedResults.Ok(await DrawViews.SummariesAsync(db, db.Set<InspectionDraw>(), false, ct));
}
