namespace Zhichan.Api.Features.Analysis.Appraisals;

/// <summary>Runs the deadline check now (the recurring job runs it daily): due-soon and overdue notices, never twice for the same stage and day.</summary>
public static class CheckAppraisalDeadlines
{
    public static async Task<Ok<AppraisalDeadlines.DeadlineCheckResult>> HandleAsync(ZhichanDb db, NpgsqlDataSource data, TimeProvider clock, ZhichanOptions options,
        CancellationToken ct) =>
        TypedResults.Ok(await AppraisalDeadlines.RunAsync(db, data, ChinaTime.Today(clock), options.AppraisalDueSoonDays, ct));
}
