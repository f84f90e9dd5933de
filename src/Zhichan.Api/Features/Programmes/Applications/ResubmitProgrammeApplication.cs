using System.Text.Json;

namespace Zhichan.Api.Features.Programmes;

/// <summary>The applicant answers a 补正 request: checked as a submission again (outside the 申报 window too); an answer after the
/// deadline is accepted and its lateness written in the timeline, the bureau decides what follows.</summary>
public static class ResubmitProgrammeApplication
{
    public static async Task<Ok<ApplicationDetail>> HandleAsync(long id, ZhichanDb db, NpgsqlDataSource data, CurrentUser me, TimeProvider clock, CancellationToken ct)
    {
        var a = await ApplicationQueries.LoadAsync(db, me, id, ct);
        var (call, _, d) = await ApplicationQueries.ContextAsync(db, a, ct);
        var today = ChinaTime.Today(clock);
        ApplicationStates.Machine.Find("resubmit", a.Status, ApplicationWorkflow.ActorsOf(me, a));
        var late = ApplicationQueries.OverdueDays(a, today);
        var results = await ApplicationQueries.CheckForSubmissionAsync(db, data, a, call, d, today, ct);
        a.Eligibility = JsonSerializer.Serialize(results, JsonSerializerOptions.Web);
        a.SubmittedAt = DateTimeOffset.UtcNow;
        ApplicationWorkflow.Fire(db, a, "resubmit", me, late is { } n ? $"补正逾期 {n} 天后提交（期限 {a.CorrectionDue:yyyy-MM-dd}）" : null);
        (a.CorrectionRequest, a.CorrectionDue) = (null, null);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(await ApplicationQueries.DetailAsync(db, a, me, clock, ct));
    }
}
