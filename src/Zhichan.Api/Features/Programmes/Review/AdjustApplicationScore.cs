using System.Globalization;

namespace Zhichan.Api.Features.Programmes.Review;

public sealed record AdjustApplicationScoreRequest(decimal? Score, string? Reason);

/// <summary>会审: the bureau adjusts a reviewed application's result with a written reason (the adjust transition writes the event); ranks follow.</summary>
public static class AdjustApplicationScore
{
    public static async Task<Ok<CallScores>> HandleAsync(long id, AdjustApplicationScoreRequest? req, ZhichanDb db, CurrentUser me, CancellationToken ct)
    {
        var app = await db.Set<ProgrammeApplication>().FirstOrDefaultAsync(a => a.Id == id, ct) ?? throw new DomainException($"申报 {id} 不存在", 404);
        var call = await ReviewViews.CallAsync(db, app.CallId, ct);
        var max = ScoringSheet.MaxTotal((await ReviewViews.DefinitionAsync(db, call.TypeId, ct)).Scoring);
        var reason = req?.Reason?.Trim();
        var v = new Validation().Required("reason", reason, "会审调整理由").MaxLength("reason", reason, 2000, "会审调整理由");
        if (req?.Score is not { } score || score < 0 || score > max) v.Add("score", $"调整后得分应在 0 至 {max:0.##} 之间");
        else if (decimal.Round(score, 2) != score) v.Add("score", "调整后得分最多保留两位小数");
        v.ThrowIfInvalid();
        var before = app.ScoreAdjusted ?? app.Score;
        ApplicationWorkflow.Fire(db, app, "adjust", me, string.Create(CultureInfo.InvariantCulture, $"{before:0.##} 分调整为 {req!.Score:0.##} 分：{reason}"));
        app.ScoreAdjusted = req.Score;
        app.AdjustReason = reason;
        await db.SaveChangesAsync(ct);
        await CallRanking.RecomputeAsync(db, app.CallId, ct);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(await GetCallScores.LoadAsync(db, app.CallId, ct));
    }
}
