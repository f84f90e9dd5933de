namespace Zhichan.Api.Features.Registries.Agencies.Inspections;

public sealed record DrawVerification(long DrawId, string Algorithm, string Seed, bool Matches, DrawAssignment[] Published, DrawAssignment[] Recomputed,
    string PublishedFingerprint, string RecomputedFingerprint);

/// <summary>Re-runs a published draw from its published seed and inputs and compares with the published result.</summary>
public static class VerifyInspectionDraw
{
    public static async Task<Ok<DrawVerification>> HandleAsync(long id, ZhichanDb db, CancellationToken ct)
    {
        var d = await db.Set<InspectionDraw>().AsNoTracking().FirstOrDefaultAsync(x => x.Id == id && x.PublishedAt != null, ct)
                ?? throw new DomainException($"抽查 {id} 不存在或尚未公示", 404);
        var published = DrawViews.ResultOf(d);
        var again = DrawAlgorithm.Run(DrawViews.InputsOf(d)).ToArray();
        var matches = published.Length == again.Length && published.Zip(again).All(p => p.First.AgencyId == p.Second.AgencyId && p.First.InspectorIds.SequenceEqual(p.Second.InspectorIds));
        return TypedResults.Ok(new DrawVerification(d.Id, d.Algorithm, d.Seed, matches, published, again, DrawAlgorithm.Fingerprint(published), DrawAlgorithm.Fingerprint(again)));
    }
}
