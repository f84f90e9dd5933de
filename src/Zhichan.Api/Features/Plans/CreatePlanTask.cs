using static Zhichan.Api.Features.Plans.PlanQueries;

namespace Zhichan.Api.Features.Plans;

public sealed record TaskRequest(string? No, string? Title, string? Description, string? Category, DateOnly? Deadline, long[]? LeadOrgUnitIds,
    long[]? CooperatingOrgUnitIds);

/// <summary>The bureau adds a task with its lead and cooperating units and deadline.</summary>
public static class CreatePlanTask
{
    public static async Task<Created<TaskDto>> HandleAsync(long id, TaskRequest req, NpgsqlDataSource db, CurrentUser me, TimeProvider clock, CancellationToken ct)
    {
        var v = new Validation();
        v.Required("title", req.Title, "任务名称").MaxLength("title", req.Title, 200, "任务名称").MaxLength("no", req.No, 20, "任务编号")
            .MaxLength("description", req.Description, 4000, "任务内容");
        if (req.LeadOrgUnitIds is not { Length: > 0 }) v.Add("leadOrgUnitIds", "请至少指定一个牵头单位");
        v.ThrowIfInvalid();
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        if (!await conn.ExecuteScalarAsync<bool>("SELECT EXISTS (SELECT 1 FROM plans WHERE id = @id)", new { id }, tx)) throw new DomainException("工作方案不存在", 404);
        var orgIds = req.LeadOrgUnitIds!.Concat(req.CooperatingOrgUnitIds ?? []).Distinct().ToArray();
        var orgs = (await conn.QueryAsync<(long Id, string Name, string Kind, string? Region)>("SELECT id, name, kind, region_code FROM org_units WHERE id = ANY(@orgIds)",
            new { orgIds }, tx)).ToDictionary(o => o.Id);
        var missing = orgIds.Where(o => !orgs.ContainsKey(o)).ToList();
        if (missing.Count > 0) throw new RequestValidationException("leadOrgUnitIds", $"单位 {string.Join("、", missing)} 不存在");
        var seq = await conn.ExecuteScalarAsync<int>("SELECT COALESCE(max(seq), 0) + 1 FROM plan_tasks WHERE plan_id = @id", new { id }, tx);
        var taskId = await conn.ExecuteScalarAsync<long>("""
            INSERT INTO plan_tasks (plan_id, seq, no, category, title, description, deadline) VALUES (@id, @seq, @no, @Category, @Title, @Description, @deadline) RETURNING id
            """, new { id, seq, no = string.IsNullOrWhiteSpace(req.No) ? seq.ToString() : req.No.Trim(), req.Category, Title = req.Title!.Trim(), req.Description,
            deadline = PlanSeedLoader.D(req.Deadline) }, tx);
        foreach (var (orgId, role) in req.LeadOrgUnitIds!.Select(o => (o, "lead")).Concat((req.CooperatingOrgUnitIds ?? []).Except(req.LeadOrgUnitIds!).Select(o => (o, "cooperating"))))
        {
            var o = orgs[orgId];
            var unitId = await conn.ExecuteScalarAsync<long>("""
                INSERT INTO plan_units (plan_id, name, kind, region_code, org_unit_id) VALUES (@id, @Name, @Kind, @Region, @Id2)
                ON CONFLICT (plan_id, name) DO UPDATE SET org_unit_id = EXCLUDED.org_unit_id RETURNING id
                """, new { id, o.Name, o.Kind, o.Region, Id2 = o.Id }, tx);
            await conn.ExecuteAsync("INSERT INTO plan_task_units (task_id, unit_id, role) VALUES (@taskId, @unitId, @role)", new { taskId, unitId, role }, tx);
        }
        await AuditLog.WriteAsync(conn, tx, me, "create", "plan_tasks", taskId.ToString(), null, new { planId = id, req.Title, req.Deadline, req.LeadOrgUnitIds, req.CooperatingOrgUnitIds }, ct);
        await tx.CommitAsync(ct);
        var task = (await LoadTasksAsync(conn, me, "t.id = @taskId", new { taskId }, ChinaTime.Today(clock))).Single();
        return TypedResults.Created($"/api/plans/{id}", task);
    }
}
