namespace Zhichan.Api.Features.Analysis.Appraisals;

/// <summary>
/// "从平台数据检索" for one checklist item (the bureau): replaces the item's evidence with what the platform's data holds now
/// (records, legal-status events, credit listings, complaints), writes a timeline step with the count; the state stays the
/// handler's to set.
/// </summary>
public static class CollectAppraisalEvidence
{
    /// <param name="Found">How many items the platform holds (the evidence keeps at most <see cref="AppraisalEvidence.Cap"/>).</param>
    public sealed record CollectedEvidence(int Found, int Kept, AppraisalDetail Appraisal);

    public static async Task<Ok<CollectedEvidence>> HandleAsync(long id, string code, ZhichanDb db, NpgsqlDataSource data, CurrentUser me, TimeProvider clock,
        CancellationToken ct)
    {
        var a = await AppraisalQueries.FindAsync(db, me, id, ct);
        var c = await SetAppraisalCheck.WorkableCheckAsync(db, a, code, ct);
        var item = AppraisalChecklist.Find(code);
        if (item?.Collector is not { } collector) throw new DomainException($"“{item?.Label ?? code}”须人工核查，没有可检索的平台数据", 400);
        var found = await AppraisalEvidence.CollectAsync(collector, a, data, ct);
        (c.Evidence, c.CollectedAt, c.UpdatedAt) = (System.Text.Json.JsonSerializer.Serialize(found.Items, AppraisalQueries.Json), DateTimeOffset.UtcNow, DateTimeOffset.UtcNow);
        db.Add(new AppraisalEvent { AppraisalId = a.Id }.Of<AppraisalEvent>("collect", a.Status, a.Status, me, $"{item.Label}：平台数据 {found.Total} 条"));
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(new CollectedEvidence(found.Total, found.Items.Count, await AppraisalQueries.DetailAsync(db, data, a, me, ChinaTime.Today(clock), ct)));
    }
}
