namespace Zhichan.Api.Features.Analysis.Appraisals;

/// <summary>The texts of the opinion (评议范围、方法、意见、结论、建议), written by the bureau while the appraisal is worked (audited).</summary>
public static class SaveAppraisalOpinion
{
    public sealed record AppraisalOpinionRequest(string? ScopeText, string? MethodText, string? OpinionText, string? ConclusionText, string? Recommendations);

    public static async Task<Ok<AppraisalDetail>> HandleAsync(long id, AppraisalOpinionRequest req, ZhichanDb db, NpgsqlDataSource data, CurrentUser me,
        TimeProvider clock, CancellationToken ct)
    {
        var a = await AppraisalQueries.FindAsync(db, me, id, ct);
        if (a.Status is AppraisalStates.Archived or AppraisalStates.Rejected or AppraisalStates.Submitted or AppraisalStates.Returned)
            throw new DomainException($"评议申请当前状态为“{AppraisalStates.Machine.StateName(a.Status)}”，不能填写评议意见（受理后至归档前可以）");
        var v = new Validation();
        string? T(string field, string? s, int max, string label)
        {
            var t = s?.Trim();
            v.MaxLength(field, t, max, label).PlainText(field, t, label);
            return string.IsNullOrEmpty(t) ? null : t;
        }
        var scope = T("scopeText", req.ScopeText, 2000, "评议范围");
        var method = T("methodText", req.MethodText, 2000, "评议方法");
        var opinion = T("opinionText", req.OpinionText, 10000, "评议意见");
        var conclusion = T("conclusionText", req.ConclusionText, 4000, "评议结论");
        var recs = T("recommendations", req.Recommendations, 4000, "对策建议");
        v.ThrowIfInvalid();
        (a.ScopeText, a.MethodText, a.OpinionText, a.ConclusionText, a.Recommendations) = (scope, method, opinion, conclusion, recs);
        a.UpdatedAt = DateTimeOffset.UtcNow;
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(await AppraisalQueries.DetailAsync(db, data, a, me, ChinaTime.Today(clock), ct));
    }
}
