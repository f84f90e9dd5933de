using System.Text.Json;

namespace Zhichan.Api.Features.Programmes;

/// <summary>
/// The applicant submits a draft within the call's 申报 window: the form is complete, the required attachments are there, every
/// declaration is accepted and no eligibility rule fails; the rules' results are kept with the application as shown.
/// </summary>
public static class SubmitApplication
{
    public static async Task<Ok<ApplicationDetail>> HandleAsync(long id, ZhichanDb db, NpgsqlDataSource data, CurrentUser me, TimeProvider clock, CancellationToken ct)
    {
        var a = await ApplicationQueries.LoadAsync(db, me, id, ct);
        var (call, _, d) = await ApplicationQueries.ContextAsync(db, a, ct);
        var today = ChinaTime.Today(clock);
        ApplicationStates.Machine.Find("submit", a.Status, ApplicationWorkflow.ActorsOf(me, a));
        if (!ProgrammeViews.AcceptsApplications(call, today))
            throw new DomainException(call.Status != "open" ? "申报批次已结束，不能提交" : today < call.ApplyFrom
                ? $"申报自 {call.ApplyFrom:yyyy-MM-dd} 开始，尚不能提交" : $"申报已于 {call.ApplyTo:yyyy-MM-dd} 截止，不能提交");
        var results = await ApplicationQueries.CheckForSubmissionAsync(db, data, a, call, d, today, ct);
        a.Eligibility = JsonSerializer.Serialize(results, JsonSerializerOptions.Web);
        a.SubmittedAt = DateTimeOffset.UtcNow;
        ApplicationWorkflow.Fire(db, a, "submit", me, null);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(await ApplicationQueries.DetailAsync(db, a, me, clock, ct));
    }
}
