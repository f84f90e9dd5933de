namespace Zhichan.Api.Features.Programmes.Review;

public sealed record ExpertDrawVerification(long DrawId, string Algorithm, string Seed, bool Matches, PanelDrawResult Published, PanelDrawResult Recomputed,
    string PublishedFingerprint, string RecomputedFingerprint);

/// <summary>Re-runs a published draw from its published seed and inputs and compares the panel with the published one.</summary>
public static class VerifyExpertDraw
{
    public static async Task<Ok<ExpertDrawVerification>> HandleAsync(long id, ZhichanDb db, CancellationToken ct)
    {
        var d = await db.Set<ProgrammeDraw>().AsNoTracking().FirstOrDefaultAsync(x => x.Id == id && x.PublishedAt != null, ct)
                ?? throw new DomainException($"专家抽取 {id} 不存在或尚未公示", 404);
        var published = ReviewViews.ResultOf(d);
        var check = ReviewViews.Verify(d);
        return TypedResults.Ok(new ExpertDrawVerification(d.Id, d.Algorithm, d.Seed, check.Matches, published, check.Recomputed,
            PanelDrawAlgorithm.Fingerprint(published), check.Fingerprint));
    }
}
