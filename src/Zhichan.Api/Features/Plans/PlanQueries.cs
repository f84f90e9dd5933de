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

    internal const string SummarySql = """
        SELECT p.id, p.seed, p.title, p.issuer, p.jurisdiction_name, p.region_code, p.period_start, p.period_end,
               (SELECT count(*)::int FROM plan_phases x WHERE x.plan_id = p.id) AS phases,
               (SELECT count(*)::int FROM plan_goals x WHERE x.plan_id = p.id) AS goals,
               (SELECT count(*)::int FROM plan_tasks x WHERE x.plan_id = p.id) AS tasks,
               (SELECT count(*)::int FROM plan_tasks x WHERE x.plan_id = p.id AND x.status = 'completed') AS completed_tasks
        FROM plans p
        """;

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
}
