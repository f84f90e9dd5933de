using Dapper;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;
using Zhichan.Api.Platform.Audit;
using Zhichan.Api.Platform.Auth;
using Zhichan.Api.Platform.Errors;

namespace Zhichan.Api.Features.Plans;

public sealed record PlanSummaryDto(long Id, string? Seed, string Title, string? Issuer, string? JurisdictionName, string? RegionCode, DateOnly? PeriodStart,
    DateOnly? PeriodEnd, int Phases, int Goals, int Tasks, int CompletedTasks);

public sealed record PhaseDto(long Id, int Seq, string Name, DateOnly? StartDate, DateOnly? EndDate, string? Description, bool Current);

public sealed record TargetDto(int? Year, string? RegionCode, decimal Value);

public sealed record GoalDto(long Id, int Seq, string IndicatorCode, string Name, string Unit, decimal? Baseline, int? BaselineYear, string Direction,
    string? SourceText, IReadOnlyList<TargetDto> Targets, decimal? CurrentValue, int? CurrentYear, string? CurrentDisplay, decimal? Progress, string ProgressNote);

public sealed record TaskUnitDto(long UnitId, string Name, string Role, long? OrgUnitId, bool Collective);

public sealed record TaskDto(long Id, long PlanId, string No, string? Category, string? Section, string Title, string? Description, DateOnly? Deadline,
    string Milestones, string Status, int Progress, bool Overdue, IReadOnlyList<TaskUnitDto> Units, int PendingReports, DateTime? LastReportAt);

public sealed record UnitStatusDto(string Unit, long? OrgUnitId, int Total, int Completed, int InProgress, int NotStarted, int Overdue);

public sealed record WarningDto(string Kind, string Severity, string Subject, string Message, long? TaskId, long? GoalId);

public sealed record PlanDto(PlanSummaryDto Summary, string? AssessmentText, IReadOnlyList<PhaseDto> Phases, IReadOnlyList<GoalDto> Goals,
    IReadOnlyList<TaskDto> Tasks, IReadOnlyList<UnitStatusDto> TasksByLeadUnit, IReadOnlyList<WarningDto> Warnings);

public sealed record TaskRequest(string? No, string? Title, string? Description, string? Category, DateOnly? Deadline, long[]? LeadOrgUnitIds,
    long[]? CooperatingOrgUnitIds);

public sealed record TaskUpdateRequest(DateOnly? Deadline, string? Status, int? Progress, bool ClearDeadline = false);

public static class TaskStatuses
{
    public const string NotStarted = "not_started", InProgress = "in_progress", Completed = "completed";
    public static readonly string[] All = [NotStarted, InProgress, Completed];
}

public static class PlansApi
{
    /// <summary>
    /// Which tasks a user may see and report on: staff all; a department or district user the tasks its own org unit leads or
    /// cooperates on, and the tasks given collectively ("各县区政府", "各有关部门") to its kind within the plan's jurisdiction.
    /// </summary>
    public static string VisibleTaskFilter(CurrentUser me, string task = "t") => me.IsStaff ? "TRUE" : $"""
        EXISTS (SELECT 1 FROM plan_task_units tu JOIN plan_units u ON u.id = tu.unit_id JOIN plans pp ON pp.id = u.plan_id
                WHERE tu.task_id = {task}.id AND (u.org_unit_id = @meOrg
                   OR (u.collective AND u.kind = @meRole AND pp.region_code IS NOT NULL AND @meRegion IS NOT NULL
                       AND @meRegion LIKE (CASE WHEN pp.region_code LIKE '%0000' THEN substr(pp.region_code, 1, 2)
                                                WHEN pp.region_code LIKE '%00' THEN substr(pp.region_code, 1, 4) ELSE pp.region_code END) || '%')))
        """;

    public static object MeArgs(CurrentUser me) => new { meOrg = me.OrgUnitId ?? -1, meRole = me.Role ?? "", meRegion = me.RegionCode };

    public static async Task<Ok<List<PlanSummaryDto>>> ListAsync(NpgsqlDataSource db, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        return TypedResults.Ok((await conn.QueryAsync<PlanSummaryDto>(SummarySql + " ORDER BY p.seed NULLS LAST, p.id")).ToList());
    }

    private const string SummarySql = """
        SELECT p.id, p.seed, p.title, p.issuer, p.jurisdiction_name, p.region_code, p.period_start, p.period_end,
               (SELECT count(*)::int FROM plan_phases x WHERE x.plan_id = p.id) AS phases,
               (SELECT count(*)::int FROM plan_goals x WHERE x.plan_id = p.id) AS goals,
               (SELECT count(*)::int FROM plan_tasks x WHERE x.plan_id = p.id) AS tasks,
               (SELECT count(*)::int FROM plan_tasks x WHERE x.plan_id = p.id AND x.status = 'completed') AS completed_tasks
        FROM plans p
        """;

    public static async Task<Ok<PlanDto>> GetAsync(long id, NpgsqlDataSource db, CurrentUser me, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        var summary = await conn.QuerySingleOrDefaultAsync<PlanSummaryDto>(SummarySql + " WHERE p.id = @id", new { id }) ?? throw new DomainException("工作方案不存在", 404);
        var text = await conn.ExecuteScalarAsync<string?>("SELECT assessment_text FROM plans WHERE id = @id", new { id });
        var today = DateOnly.FromDateTime(DateTime.Today);
        var phases = (await conn.QueryAsync<(long Id, int Seq, string Name, DateOnly? Start, DateOnly? End, string? Description)>(
                "SELECT id, seq, name, start_date, end_date, description FROM plan_phases WHERE plan_id = @id ORDER BY seq", new { id }))
            .Select(p => new PhaseDto(p.Id, p.Seq, p.Name, p.Start, p.End, p.Description, p.Start <= today && today <= p.End)).ToList();
        var goals = await GoalProgress.LoadAsync(conn, id, summary.RegionCode, summary.PeriodStart?.Year);
        var tasks = await LoadTasksAsync(conn, me, "t.plan_id = @planId", new { planId = id });
        var byUnit = tasks.SelectMany(t => t.Units.Where(u => u.Role == "lead").Select(u => (u.Name, u.OrgUnitId, Task: t)))
            .GroupBy(x => (x.Name, x.OrgUnitId))
            .Select(g => new UnitStatusDto(g.Key.Name, g.Key.OrgUnitId, g.Count(), g.Count(x => x.Task.Status == TaskStatuses.Completed),
                g.Count(x => x.Task.Status == TaskStatuses.InProgress), g.Count(x => x.Task.Status == TaskStatuses.NotStarted), g.Count(x => x.Task.Overdue)))
            .OrderByDescending(u => u.Total).ToList();
        var warnings = Warnings(tasks, goals);
        return TypedResults.Ok(new PlanDto(summary, text, phases, goals, tasks, byUnit, warnings));
    }

    public static async Task<Ok<List<WarningDto>>> WarningsAsync(long id, NpgsqlDataSource db, CurrentUser me, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        var plan = await conn.QuerySingleOrDefaultAsync<(long Id, string? Region, DateOnly? Start)?>("SELECT id, region_code, period_start FROM plans WHERE id = @id", new { id })
                   ?? throw new DomainException("工作方案不存在", 404);
        var goals = await GoalProgress.LoadAsync(conn, id, plan.Region, plan.Start?.Year);
        var tasks = await LoadTasksAsync(conn, me, "t.plan_id = @planId", new { planId = id });
        return TypedResults.Ok(Warnings(tasks, goals));
    }

    public static List<WarningDto> Warnings(IReadOnlyList<TaskDto> tasks, IReadOnlyList<GoalDto> goals)
    {
        var list = new List<WarningDto>();
        foreach (var t in tasks.Where(t => t.Overdue))
        {
            var lead = string.Join("、", t.Units.Where(u => u.Role == "lead").Select(u => u.Name));
            list.Add(new WarningDto("overdue", "high", $"任务 {t.No} {t.Title}",
                $"已超过期限 {t.Deadline:yyyy-MM-dd} 仍未完成（进度 {t.Progress}%）{(lead.Length > 0 ? "，牵头单位：" + lead : "")}", t.Id, null));
        }
        foreach (var g in goals)
            if (GoalProgress.Projection(g) is { } p)
                list.Add(new WarningDto("projected_miss", "medium", $"目标 {g.Name}", p, null, g.Id));
        return list;
    }

    private sealed class TaskRow
    {
        public long Id { get; set; }
        public long PlanId { get; set; }
        public string No { get; set; } = "";
        public string? Category { get; set; }
        public string? Section { get; set; }
        public string Title { get; set; } = "";
        public string? Description { get; set; }
        public DateOnly? Deadline { get; set; }
        public string Milestones { get; set; } = "[]";
        public string Status { get; set; } = "";
        public int Progress { get; set; }
        public int PendingReports { get; set; }
        public DateTime? LastReportAt { get; set; }
    }

    public static async Task<List<TaskDto>> LoadTasksAsync(NpgsqlConnection conn, CurrentUser me, string where, object args)
    {
        var p = new DynamicParameters(args);
        p.AddDynamicParams(MeArgs(me));
        var rows = (await conn.QueryAsync<TaskRow>($"""
            SELECT t.id, t.plan_id, t.no, t.category, t.section, t.title, t.description, t.deadline, t.milestones::text AS milestones, t.status, t.progress,
                   (SELECT count(*)::int FROM progress_reports r WHERE r.task_id = t.id AND r.status = 'submitted') AS pending_reports,
                   (SELECT max(r.submitted_at) FROM progress_reports r WHERE r.task_id = t.id) AS last_report_at
            FROM plan_tasks t WHERE {where} AND {VisibleTaskFilter(me)}
            ORDER BY t.plan_id, t.seq
            """, p)).ToList();
        var ids = rows.Select(r => r.Id).ToArray();
        var units = (await conn.QueryAsync<(long TaskId, long UnitId, string Name, string Role, long? OrgUnitId, bool Collective)>("""
            SELECT tu.task_id, u.id, COALESCE(o.name, u.name), tu.role, u.org_unit_id, u.collective
            FROM plan_task_units tu JOIN plan_units u ON u.id = tu.unit_id LEFT JOIN org_units o ON o.id = u.org_unit_id
            WHERE tu.task_id = ANY(@ids) ORDER BY tu.role DESC, u.id
            """, new { ids })).ToLookup(u => u.TaskId);
        var today = DateOnly.FromDateTime(DateTime.Today);
        return rows.Select(r => new TaskDto(r.Id, r.PlanId, r.No, r.Category, r.Section, r.Title, r.Description, r.Deadline, r.Milestones, r.Status, r.Progress,
            r.Deadline < today && r.Status != TaskStatuses.Completed,
            units[r.Id].Select(u => new TaskUnitDto(u.UnitId, u.Name, u.Role, u.OrgUnitId, u.Collective)).ToList(), r.PendingReports, r.LastReportAt)).ToList();
    }

    public static async Task<Ok<List<TaskDto>>> ListTasksAsync(long? planId, long? leadOrgUnitId, string? status, bool? overdue, NpgsqlDataSource db, CurrentUser me,
        CancellationToken ct)
    {
        new Validation().OneOf("status", status, TaskStatuses.All, "任务状态").ThrowIfInvalid();
        await using var conn = await db.OpenConnectionAsync(ct);
        var where = "(@planId::bigint IS NULL OR t.plan_id = @planId) AND (@status::text IS NULL OR t.status = @status)"
                    + " AND (@lead::bigint IS NULL OR EXISTS (SELECT 1 FROM plan_task_units l JOIN plan_units lu ON lu.id = l.unit_id WHERE l.task_id = t.id AND l.role = 'lead' AND lu.org_unit_id = @lead))";
        var tasks = await LoadTasksAsync(conn, me, where, new { planId, status, lead = leadOrgUnitId });
        if (overdue == true) tasks = tasks.Where(t => t.Overdue).ToList();
        return TypedResults.Ok(tasks);
    }

    public static async Task<Created<TaskDto>> CreateTaskAsync(long id, TaskRequest req, NpgsqlDataSource db, CurrentUser me, CancellationToken ct)
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
        var task = (await LoadTasksAsync(conn, me, "t.id = @taskId", new { taskId })).Single();
        return TypedResults.Created($"/api/plans/{id}", task);
    }

    public static async Task<Ok<TaskDto>> UpdateTaskAsync(long taskId, TaskUpdateRequest req, NpgsqlDataSource db, CurrentUser me, CancellationToken ct)
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
        return TypedResults.Ok((await LoadTasksAsync(conn, me, "t.id = @taskId", new { taskId })).Single());
    }
}
