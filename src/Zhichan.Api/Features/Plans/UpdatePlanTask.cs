using static Zhichan.Api.Features.Plans.PlanQueries;

namespace Zhichan.Api.Features.Plans;

public sealed record TaskUpdateRequest(DateOnly? Deadline, string? Status, int? Progress, bool ClearDeadline = false);

/// <summary>The bureau changes a task's deadline, status or progress.</summary>
public static class UpdatePlanTask
{
    public static async Task<Ok<TaskDto>> HandleAsync(long taskId, TaskUpdateRequest req, NpgsqlDataSource db, CurrentUser me, TimeProvider clock, CancellationToken ct)
    {
        var v = new Validation().OneOf("status", req.Status, TaskStatuses.All, "任务状态");
        if (req.Progress is < 0 or > 100) v.Add("progress", "进度应在 0 至 100 之间");
        v.ThrowIfInvalid();
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var before = await conn.QuerySingleOrDefaultAsync<(DateOnly? Deadline, string Status, int Progress)?>(
            "SELECT deadline, status, progress FROM plan_tasks WHERE id = @taskId FOR UPDATE", new { taskId }, tx) ?? throw new DomainException("任务不存在", 404);
        var deadline = req.ClearDeadline ? null : req.Deadline ?? before.Deadline;
        var status = req.Status ?? before.Status;
        var progress = req.Progress ?? (status == TaskStatuses.Completed ? 100 : before.Progress);
        await conn.ExecuteAsync("UPDATE plan_tasks SET deadline = @d, status = @status, progress = @progress, updated_at = now() WHERE id = @taskId",
            new { d = PlanSeedLoader.D(deadline), status, progress, taskId }, tx);
        await AuditLog.WriteAsync(conn, tx, me, "update", "plan_tasks", taskId.ToString(), new { before.Deadline, before.Status, before.Progress },
            new { Deadline = deadline, Status = status, Progress = progress }, ct);
        await tx.CommitAsync(ct);
        return TypedResults.Ok((await LoadTasksAsync(conn, me, "t.id = @taskId", new { taskId }, ChinaTime.Today(clock))).Single());
    }
}
