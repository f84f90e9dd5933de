using System.Globalization;

namespace Zhichan.Api.Features.Programmes.Review;

/// <param name="ApplicationIds">The applications to finish; every accepted application of the panel when empty.</param>
/// <param name="Close">Close the scoring although some active members have not submitted (needs <paramref name="Note"/>).</param>
public sealed record FinishCallReviewRequest(long[]? ApplicationIds, bool Close, string? Note);

/// <summary>
/// Ends the review of a call's applications (ADR 0043): each gets the aggregate of its active members' submitted totals (trimmed
/// mean from 5 scores, dispersion flag), the finish_review transition writes its event, and the call's ranks are recomputed.
/// All active members must have submitted unless the bureau closes the scoring with a written note.
/// </summary>
public static class FinishCallReview
{
    public static async Task<Ok<CallScores>> HandleAsync(long id, FinishCallReviewRequest? req, ZhichanDb db, CurrentUser me, CancellationToken ct)
    {
        var call = await ReviewViews.CallAsync(db, id, ct);
        var note = string.IsNullOrWhiteSpace(req?.Note) ? null : req.Note.Trim();
        if (req?.Close == true) new Validation().Required("note", note, "结束评分的说明").MaxLength("note", note, 1000, "结束评分的说明").ThrowIfInvalid();
        var sheet = (await ReviewViews.DefinitionAsync(db, call.TypeId, ct)).Scoring;
        if (sheet.Length == 0) return await WithoutScoringAsync(db, call, req, me, ct);
        var draw = await db.Set<ProgrammeDraw>().AsNoTracking().FirstOrDefaultAsync(d => d.CallId == id && d.Status == DrawLog.Drawn, ct)
                   ?? throw new DomainException("本批次还没有抽取评审专家");
        var panelApps = ReviewViews.InputsOf(draw).ApplicationIds;
        var targetIds = req?.ApplicationIds is { Length: > 0 } ids ? ids.Distinct().ToArray() : panelApps;
        if (targetIds.Except(panelApps).Any()) throw new RequestValidationException("applicationIds", "所选申报不在本批次专家组的评审范围内");
        var apps = await db.Set<ProgrammeApplication>().Where(a => targetIds.Contains(a.Id) && a.Status == ApplicationStates.Accepted).OrderBy(a => a.Id).ToListAsync(ct);
        if (apps.Count == 0) throw new DomainException("没有待结束评审的申报（均已评审完成或不在待评审状态）");
        var max = ScoringSheet.MaxTotal(sheet);
        var active = await db.Set<ProgrammePanelMember>().Where(m => m.DrawId == draw.Id && m.Status == "active").Select(m => m.Id).ToListAsync(ct);
        var appIds = apps.Select(a => a.Id).ToArray();
        var submitted = await db.Set<ProgrammeScore>().AsNoTracking()
            .Where(s => appIds.Contains(s.ApplicationId) && active.Contains(s.MemberId) && s.SubmittedAt != null).ToListAsync(ct);
        var problems = new List<string>();
        foreach (var a in apps)
        {
            var n = submitted.Count(s => s.ApplicationId == a.Id);
            if (n == 0) problems.Add($"“{a.ApplicantName}”还没有专家提交评分");
            else if (n < active.Count && req?.Close != true) problems.Add($"“{a.ApplicantName}”已提交 {n} 份评分，还差 {active.Count - n} 份");
        }
        if (problems.Count > 0) throw new DomainException($"不能结束评审：{string.Join("；", problems)}。可等待专家提交，或说明理由后结束评分");
        foreach (var a in apps)
        {
            var agg = ScoringSheet.Aggregate(submitted.Where(s => s.ApplicationId == a.Id).Select(s => s.Total!.Value).ToList(), max);
            a.Score = agg.Mean;
            a.DispersionFlag = agg.Dispersion;
            var text = string.Create(CultureInfo.InvariantCulture, $"有效评分 {agg.Count} 份，{(agg.Trimmed ? $"去掉最高分 {agg.Highest:0.##}、最低分 {agg.Lowest:0.##} 后" : "")}平均 {agg.Mean:0.##} 分")
                       + (agg.Dispersion ? "；专家评分差异较大" : "") + (note is null ? "" : $"；{note}");
            ApplicationWorkflow.Fire(db, a, "finish_review", me, text);
        }
        await db.SaveChangesAsync(ct);
        await CallRanking.RecomputeAsync(db, id, ct);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(await GetCallScores.LoadAsync(db, id, ct));
    }

    /// <summary>
    /// A programme without a scoring sheet (a subsidy granted on documents, e.g. 贯标资助 on the certificate): the formal check is the
    /// review, so the accepted applications are finished without a panel, without a score, in the order they were submitted.
    /// </summary>
    private static async Task<Ok<CallScores>> WithoutScoringAsync(ZhichanDb db, ProgrammeCall call, FinishCallReviewRequest? req, CurrentUser me, CancellationToken ct)
    {
        var q = db.Set<ProgrammeApplication>().Where(a => a.CallId == call.Id && a.Status == ApplicationStates.Accepted);
        if (req?.ApplicationIds is { Length: > 0 } ids) q = q.Where(a => ids.Contains(a.Id));
        var apps = await q.OrderBy(a => a.SubmittedAt).ThenBy(a => a.Id).ToListAsync(ct);
        if (apps.Count == 0) throw new DomainException("没有待结束评审的申报（均已评审完成或不在待评审状态）");
        foreach (var a in apps) ApplicationWorkflow.Fire(db, a, "finish_review", me, "本项目不设专家评分：形式审查通过即完成评审");
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(await GetCallScores.LoadAsync(db, call.Id, ct));
    }
}
