using static Zhichan.Api.Features.Plans.PlanQueries;

namespace Zhichan.Api.Features.Plans;

/// <summary>The warnings of a plan: overdue tasks, goals projected to miss their target.</summary>
public static class ListPlanWarnings
{
    public static async Task<Ok<List<WarningDto>>> HandleAsync(long id, NpgsqlDataSource db, CurrentUser me, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        var plan = await conn.QuerySingleOrDefaultAsync<(long Id, string? Region, DateOnly? Start)?>("SELECT id, region_code, period_start FROM plans WHERE id = @id", new { id })
                   ?? throw new DomainException("工作方案不存在", 404);
        var goals = await GoalProgress.LoadAsync(conn, id, plan.Region, plan.Start?.Year);
        var tasks = await LoadTasksAsync(conn, me, "t.plan_id = @planId", new { planId = id });
        return TypedResults.Ok(Warnings(tasks, goals));
    }
}
