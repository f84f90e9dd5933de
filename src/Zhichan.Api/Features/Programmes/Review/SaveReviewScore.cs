using System.Text.Json;

namespace Zhichan.Api.Features.Programmes.Review;

/// <param name="Submit">false saves a draft (ranges checked, gaps allowed); true submits (every criterion, the comment rule; final).</param>
public sealed record SaveReviewScoreRequest(Dictionary<string, decimal>? Scores, string? Comment, bool Submit);

/// <summary>An expert of the panel scores an application against the type's sheet (ADR 0043): drafts until submitted, then final.</summary>
public static class SaveReviewScore
{
    public static async Task<Ok<ReviewApplicationDto>> HandleAsync(long id, SaveReviewScoreRequest? req, ZhichanDb db, CurrentUser me, CancellationToken ct)
    {
        var (seat, app) = await ExpertSeats.ForApplicationAsync(db, me, id, ct);
        if (app.Status != ApplicationStates.Accepted) throw new DomainException($"该申报当前状态为“{ApplicationStates.Machine.StateName(app.Status)}”，评审已结束，不能再评分");
        var call = await ReviewViews.CallAsync(db, app.CallId, ct);
        var sheet = (await ReviewViews.DefinitionAsync(db, call.TypeId, ct)).Scoring;
        if (sheet.Length == 0) throw new DomainException("该项目类型没有评分表，不能在线评分");
        var scores = req?.Scores ?? [];
        var comment = string.IsNullOrWhiteSpace(req?.Comment) ? null : req.Comment.Trim();
        ScoringSheet.Validate(sheet, scores, comment, req?.Submit == true);
        var row = await db.Set<ProgrammeScore>().FirstOrDefaultAsync(s => s.ApplicationId == id && s.MemberId == seat.Member.Id, ct);
        if (row?.SubmittedAt is not null) throw new DomainException("您已提交该申报的评分，不能再修改");
        if (row is null) db.Add(row = new ProgrammeScore { ApplicationId = id, MemberId = seat.Member.Id });
        row.Scores = JsonSerializer.Serialize(scores);
        row.Total = ScoringSheet.Total(sheet, scores);
        row.Comment = comment;
        row.UpdatedAt = DateTimeOffset.UtcNow;
        if (req?.Submit == true) row.SubmittedAt = DateTimeOffset.UtcNow;
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(await GetReviewApplication.ToDtoAsync(db, seat, app, ct));
    }
}
