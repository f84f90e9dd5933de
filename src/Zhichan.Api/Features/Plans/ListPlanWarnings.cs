using static Zhichan.Api.Features.Plans.PlanQueries;

namespace Zhichan.Api.Features.Plans;

/// <summary>The warnings of a plan: lagging and overdue tasks, an ended plan with tasks open, goals projected to miss their target.</summary>
public static class ListPlanWarnings
{
    public static async Task<Ok<List<WarningDto>>> HandleAsync(long id, NpgsqlDataSource db, CurrentUser me, TimeProvider clock, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        var today = ChinaTime.Today(clock);
        var plan = (await SummariesAsync(conn, me, today, id)).SingleOrDefault() ?? throw new DomainException("工作方案不存在", 404);
        var goals = await GoalProgress.LoadAsync(conn, plan, today);
        var tasks = await LoadTasksAsync(conn, me, "t.plan_id = @planId", new { planId = id }, today);
        return TypedResults.Ok(Warnings(plan, tasks, goals));
    }
}
