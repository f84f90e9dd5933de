using static Zhichan.Api.Features.Plans.PlanQueries;

namespace Zhichan.Api.Features.Plans;

/// <summary>The task list (the caller's own tasks unless staff), filtered by plan, lead unit, status, overdue.</summary>
public static class ListPlanTasks
{
    public static async Task<Ok<List<TaskDto>>> HandleAsync(long? planId, long? leadOrgUnitId, string? status, bool? overdue, NpgsqlDataSource db, CurrentUser me, TimeProvider clock,
        CancellationToken ct)
    {
        new Validation().OneOf("status", status, TaskStatuses.All, "任务状态").ThrowIfInvalid();
        await using var conn = await db.OpenConnectionAsync(ct);
        var where = "(@planId::bigint IS NULL OR t.plan_id = @planId) AND (@status::text IS NULL OR t.status = @status)"
                    + " AND (@lead::bigint IS NULL OR EXISTS (SELECT 1 FROM plan_task_units l JOIN plan_units lu ON lu.id = l.unit_id WHERE l.task_id = t.id AND l.role = 'lead' AND lu.org_unit_id = @lead))";
        var tasks = await LoadTasksAsync(conn, me, where, new { planId, status, lead = leadOrgUnitId }, ChinaTime.Today(clock));
        if (overdue == true) tasks = tasks.Where(t => t.Overdue).ToList();
        return TypedResults.Ok(tasks);
    }
}
