namespace Zhichan.Api.Features.Plans;

/// <summary>Row filters and queries shared by the plan and task use cases.</summary>
public static class PlanQueries
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

    /// <summary>A task's deadline that counts (ADR 0113): its own, else the end of its phase, else the plan's end.</summary>
    internal const string EffectiveDeadline = "COALESCE(t.deadline, ph.end_date, pl.period_end)";

    private sealed class SummaryRow
    {
        public long Id { get; set; }
        public string? Seed { get; set; }
        public string Title { get; set; } = "";
        public string? Issuer { get; set; }
        public string? JurisdictionName { get; set; }
        public string? RegionCode { get; set; }
        public DateOnly? PeriodStart { get; set; }
        public DateOnly? PeriodEnd { get; set; }
        public int Phases { get; set; }
        public int Goals { get; set; }
        public int Tasks { get; set; }
        public int CompletedTasks { get; set; }
        public int OverdueTasks { get; set; }
    }

    /// <summary>Plans (all, or the one of <paramref name="id"/>) with their counts and state on <paramref name="today"/>, seen by <paramref name="me"/>.</summary>
    internal static async Task<List<PlanSummaryDto>> SummariesAsync(NpgsqlConnection conn, CurrentUser me, DateOnly today, long? id = null)
    {
        var rows = await conn.QueryAsync<SummaryRow>($"""
            SELECT p.id, p.seed, p.title, p.issuer, p.jurisdiction_name, p.region_code, p.period_start, p.period_end,
                   (SELECT count(*)::int FROM plan_phases x WHERE x.plan_id = p.id) AS phases,
                   (SELECT count(*)::int FROM plan_goals x WHERE x.plan_id = p.id) AS goals,
                   (SELECT count(*)::int FROM plan_tasks x WHERE x.plan_id = p.id) AS tasks,
                   (SELECT count(*)::int FROM plan_tasks x WHERE x.plan_id = p.id AND x.status = 'completed') AS completed_tasks,
                   (SELECT count(*)::int FROM plan_tasks t JOIN plans pl ON pl.id = t.plan_id LEFT JOIN plan_phases ph ON ph.id = t.phase_id
                    WHERE t.plan_id = p.id AND t.status <> 'completed' AND {EffectiveDeadline} < @today) AS overdue_tasks
            FROM plans p WHERE @id::bigint IS NULL OR p.id = @id ORDER BY p.id
            """, new { today, id });
        var home = me.RegionCode is { Length: 6 } r ? r : await conn.ExecuteScalarAsync<string?>(
            "SELECT region_code FROM org_units WHERE kind = 'bureau' AND region_code IS NOT NULL ORDER BY id LIMIT 1");
        return rows.Select(x =>
        {
            var status = PlanStatuses.Of(x.PeriodStart, x.PeriodEnd, today);
            var own = x.RegionCode is { Length: 6 } pr && home is not null && home.StartsWith(CurrentUser.SignificantPrefix(pr), StringComparison.Ordinal);
            return new PlanSummaryDto(x.Id, x.Seed, x.Title, x.Issuer, x.JurisdictionName, x.RegionCode, x.PeriodStart, x.PeriodEnd, x.Phases, x.Goals, x.Tasks,
                x.CompletedTasks, x.OverdueTasks, status, PlanStatuses.Names[status], PlanStatuses.CurrentYear(x.PeriodStart, x.PeriodEnd, today),
                x.Tasks == 0 ? 0 : Math.Round((decimal)x.CompletedTasks / x.Tasks, 4), own);
        }).ToList();
    }

    public static readonly IReadOnlyDictionary<string, string> WarningKinds = new Dictionary<string, string>
    {
        ["lagging"] = "滞后预警", ["overdue"] = "逾期", ["plan_ended"] = "方案期满", ["projected_miss"] = "预计未达成",
    };

    /// <summary>
    /// The warnings of a plan on a day: tasks not started when their deadline has passed (滞后预警), tasks begun but not finished in
    /// time (逾期), a plan whose period is over with tasks open, goals whose trend misses the target.
    /// </summary>
    public static List<WarningDto> Warnings(PlanSummaryDto plan, IReadOnlyList<TaskDto> tasks, IReadOnlyList<GoalDto> goals)
    {
        var list = new List<WarningDto>();
        foreach (var t in tasks.Where(t => t.Overdue))
        {
            var lead = string.Join("、", t.Units.Where(u => u.Role == "lead").Select(u => u.Name));
            var by = lead.Length > 0 ? "，牵头单位：" + lead : "";
            list.Add(t.Lagging
                ? new WarningDto("lagging", "high", $"任务 {t.No} {t.Title}",
                    $"{t.DeadlineNote}（{t.EffectiveDeadline:yyyy-MM-dd}）已过，任务仍未开始{by}", t.Id, null, WarningKinds["lagging"])
                : new WarningDto("overdue", "high", $"任务 {t.No} {t.Title}",
                    $"已超过期限 {t.EffectiveDeadline:yyyy-MM-dd}（{t.DeadlineNote}）仍未完成（进度 {t.Progress}%）{by}", t.Id, null, WarningKinds["overdue"]));
        }
        var open = tasks.Count(t => t.Status != TaskStatuses.Completed);
        if (plan.Status == PlanStatuses.Ended && open > 0)
            list.Insert(0, new WarningDto("plan_ended", "high", plan.Title,
                $"方案已于 {plan.PeriodEnd:yyyy-MM-dd} 期满，仍有 {open} 项任务未完成（最终完成率 {plan.CompletionRate:P0}）", null, null, WarningKinds["plan_ended"]));
        foreach (var g in goals)
            if (GoalProgress.Projection(g) is { } p)
                list.Add(new WarningDto("projected_miss", "medium", $"目标 {g.Name}", p, null, g.Id, WarningKinds["projected_miss"]));
        return list;
    }

    internal sealed class TaskRow
    {
        public long Id { get; set; }
        public long PlanId { get; set; }
        public string No { get; set; } = "";
        public string? Category { get; set; }
        public string? Section { get; set; }
        public string Title { get; set; } = "";
        public string? Description { get; set; }
        public DateOnly? Deadline { get; set; }
        public DateOnly? EffectiveDeadline { get; set; }
        public string? PhaseName { get; set; }
        public bool FromPhase { get; set; }
        public bool FromPlan { get; set; }
        public string Milestones { get; set; } = "[]";
        public string Status { get; set; } = "";
        public int Progress { get; set; }
        public int PendingReports { get; set; }
        public DateTime? LastReportAt { get; set; }
    }

    public static async Task<List<TaskDto>> LoadTasksAsync(NpgsqlConnection conn, CurrentUser me, string where, object args, DateOnly today)
    {
        var p = new DynamicParameters(args);
        p.AddDynamicParams(MeArgs(me));
        var rows = (await conn.QueryAsync<TaskRow>($"""
            SELECT t.id, t.plan_id, t.no, t.category, t.section, t.title, t.description, t.deadline, t.milestones::text AS milestones, t.status, t.progress,
                   {EffectiveDeadline} AS effective_deadline, ph.name AS phase_name,
                   t.deadline IS NULL AND ph.end_date IS NOT NULL AS from_phase, t.deadline IS NULL AND ph.end_date IS NULL AND pl.period_end IS NOT NULL AS from_plan,
                   (SELECT count(*)::int FROM progress_reports r WHERE r.task_id = t.id AND r.status = 'submitted') AS pending_reports,
                   (SELECT max(r.submitted_at) FROM progress_reports r WHERE r.task_id = t.id) AS last_report_at
            FROM plan_tasks t JOIN plans pl ON pl.id = t.plan_id LEFT JOIN plan_phases ph ON ph.id = t.phase_id
            WHERE {where} AND {VisibleTaskFilter(me)}
            ORDER BY t.plan_id, t.seq
            """, p)).ToList();
        var ids = rows.Select(r => r.Id).ToArray();
        var units = (await conn.QueryAsync<(long TaskId, long UnitId, string Name, string Role, long? OrgUnitId, bool Collective)>("""
            SELECT tu.task_id, u.id, COALESCE(o.name, u.name), tu.role, u.org_unit_id, u.collective
            FROM plan_task_units tu JOIN plan_units u ON u.id = tu.unit_id LEFT JOIN org_units o ON o.id = u.org_unit_id
            WHERE tu.task_id = ANY(@ids) ORDER BY tu.role DESC, u.id
            """, new { ids })).ToLookup(u => u.TaskId);
        return rows.Select(r =>
        {
            var (source, note) = r.Deadline is not null ? ("task", "本任务期限")
                : r.FromPhase ? ("phase", $"所属阶段“{r.PhaseName}”结束")
                : r.FromPlan ? ("plan", "方案期满") : ("none", "方案未定期限");
            var overdue = r.EffectiveDeadline < today && r.Status != TaskStatuses.Completed;
            return new TaskDto(r.Id, r.PlanId, r.No, r.Category, r.Section, r.Title, r.Description, r.Deadline, r.Milestones, r.Status, r.Progress, overdue,
                units[r.Id].Select(u => new TaskUnitDto(u.UnitId, u.Name, u.Role, u.OrgUnitId, u.Collective)).ToList(), r.PendingReports, r.LastReportAt,
                r.EffectiveDeadline, source, note, overdue && r.Status == TaskStatuses.NotStarted, r.PhaseName, TaskStatuses.Names.GetValueOrDefault(r.Status, r.Status));
        }).ToList();
    }
}
