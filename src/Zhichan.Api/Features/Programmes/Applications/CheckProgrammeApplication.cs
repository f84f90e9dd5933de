namespace Zhichan.Api.Features.Programmes;

/// <summary>
/// The bureau's formal check (形式审查): accept (to the review), request a 补正 with its reason (deadline: the definition's working
/// days on the platform's calendar), or close it (不予受理) with the reason — also an overdue 补正. Where the district recommends,
/// the check follows its recommendation.
/// </summary>
public static class CheckProgrammeApplication
{
    public sealed record FormalCheckRequest(string? Action, string? Note);

    public static async Task<Ok<ApplicationDetail>> HandleAsync(long id, FormalCheckRequest req, ZhichanDb db, CurrentUser me, TimeProvider clock, CancellationToken ct)
    {
        var a = await ApplicationQueries.LoadAsync(db, me, id, ct);
        new Validation().OneOf("action", req.Action, ["accept", "request_correction", "close"], "审查结论").MaxLength("note", req.Note, 2000, "审查意见").ThrowIfInvalid();
        var (_, _, d) = await ApplicationQueries.ContextAsync(db, a, ct);
        if (!ApplicationQueries.RecommendationDone(a, d) && req.Action != "close")
            throw new DomainException("本项目须先由所在县区推荐，再进行形式审查");
        var note = string.IsNullOrWhiteSpace(req.Note) ? null : req.Note.Trim();
        if (req.Action == "request_correction")
        {
            var cal = await WorkCalendarLoader.LoadAsync(db, ct);
            var due = cal.AddWorkingDays(ChinaTime.Today(clock), d.CorrectionWorkingDays);
            ApplicationWorkflow.Fire(db, a, "request_correction", me, note is null ? null : $"{note}（{d.CorrectionWorkingDays} 个工作日内，即 {due:yyyy-MM-dd} 前补正）");
            (a.CorrectionRequest, a.CorrectionDue) = (note, due);
        }
        else ApplicationWorkflow.Fire(db, a, req.Action!, me, note);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(await ApplicationQueries.DetailAsync(db, a, me, clock, ct));
    }
}
