using static Zhichan.Api.Features.Plans.PlanQueries;

namespace Zhichan.Api.Features.Plans;

/// <summary>One plan: phases, goals with progress, tasks the caller may see, status by lead unit, warnings.</summary>
public static class GetPlan
{
    public static async Task<Ok<PlanDto>> HandleAsync(long id, NpgsqlDataSource db, CurrentUser me, TimeProvider clock, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        var today = ChinaTime.Today(clock);
        var summary = (await SummariesAsync(conn, me, today, id)).SingleOrDefault() ?? throw new DomainException("工作方案不存在", 404);
        var text = await conn.ExecuteScalarAsync<string?>("SELECT assessment_text FROM plans WHERE id = @id", new { id });
        var phases = (await conn.QueryAsync<(long Id, int Seq, string Name, DateOnly? Start, DateOnly? End, string? Description)>(
                "SELECT id, seq, name, start_date, end_date, description FROM plan_phases WHERE plan_id = @id ORDER BY seq", new { id }))
            .Select(p => new PhaseDto(p.Id, p.Seq, p.Name, p.Start, p.End, p.Description, p.Start <= today && today <= p.End)).ToList();
        var goals = await GoalProgress.LoadAsync(conn, summary, today);
        var tasks = await LoadTasksAsync(conn, me, "t.plan_id = @planId", new { planId = id }, today);
        var byUnit = tasks.SelectMany(t => t.Units.Where(u => u.Role == "lead").Select(u => (u.Name, u.OrgUnitId, Task: t)))
            .GroupBy(x => (x.Name, x.OrgUnitId))
            .Select(g => new UnitStatusDto(g.Key.Name, g.Key.OrgUnitId, g.Count(), g.Count(x => x.Task.Status == TaskStatuses.Completed),
                g.Count(x => x.Task.Status == TaskStatuses.InProgress), g.Count(x => x.Task.Status == TaskStatuses.NotStarted), g.Count(x => x.Task.Overdue)))
            .OrderByDescending(u => u.Total).ToList();
        return TypedResults.Ok(new PlanDto(summary, text, phases, goals, tasks, byUnit, Warnings(summary, tasks, goals)));
    }
}
