using System.Text.Json;

namespace Zhichan.Api.Features.Plans;

/// <summary>The shape of Seeds/*.json (see Seeds/README.md).</summary>
/// <param name="TaskPhase">The phase of 实施步骤 in which the plan's tasks are carried out, when the plan says so (ADR 0113).</param>
public sealed record SeedPlan(string Seed, string Title, string? Issuer, SeedJurisdiction? Jurisdiction, DateOnly? PeriodStart, DateOnly? PeriodEnd,
    List<SeedPhase>? Phases, List<SeedGoal>? Goals, List<SeedTask>? Tasks, List<SeedUnit>? Units, SeedAssessment? Assessment, SeedTaskPhase? TaskPhase = null);
/// <summary>The phase the tasks belong to, and the plan's words that say so.</summary>
public sealed record SeedTaskPhase(string Phase, string? Why);
public sealed record SeedJurisdiction(string? Name, string? RegionCode);
public sealed record SeedPhase(string Name, DateOnly? Start, DateOnly? End, string? Description);
/// <param name="Measure">latest or period_sum; when absent, <see cref="GoalMeasures.Of"/> decides from the goal's wording.</param>
public sealed record SeedGoal(string IndicatorCode, string Name, string Unit, JsonElement? Baseline, List<SeedTarget>? Targets, string? Direction, string? SourceText,
    string? Measure = null)
{
    /// <summary>baseline is null, a number, or {year, value}.</summary>
    public (decimal? Value, int? Year) BaselineValue => Baseline switch
    {
        { ValueKind: JsonValueKind.Number } n => (n.GetDecimal(), null),
        { ValueKind: JsonValueKind.Object } o => (o.TryGetProperty("value", out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDecimal() : null,
            o.TryGetProperty("year", out var y) && y.ValueKind == JsonValueKind.Number ? y.GetInt32() : null),
        _ => (null, null),
    };
}
public sealed record SeedTarget(int? Year, decimal Value, string? RegionCode);
public sealed record SeedTask(string No, string? Category, string? Section, string Title, string? Description, List<string>? LeadUnits,
    List<string>? CooperatingUnits, DateOnly? Deadline, JsonElement? Milestones);
public sealed record SeedUnit(string Name, string Kind, string? RegionCode);
public sealed record SeedAssessment(string? Text);

/// <summary>
/// Loads the five demo plans on first start (ADR 0102): phases, goals with their targets, tasks with lead and cooperating
/// units. Plan units are linked to org units by name (with the demo jurisdiction's aliases); missing department/bureau
/// units of a named jurisdiction are created with the jurisdiction's name in front ("市公安局" → "西安市公安局").
/// </summary>
public sealed class PlanSeedLoader(NpgsqlDataSource db, ZhichanOptions options, ILogger<PlanSeedLoader> log) : IStartupTask
{
    public int Order => 50;

    /// <summary>连云港 (seed 001) unit names as the plan writes them → the demo org units (DemoAccounts).</summary>
    public static readonly IReadOnlyDictionary<string, string> DemoAliases = new Dictionary<string, string>
    {
        ["市市场监管局<市知识产权局>"] = "连云港市市场监督管理局（知识产权局）",
        ["市法院"] = "连云港市中级人民法院",
        ["市公安局"] = "连云港市公安局",
        ["市科技局"] = "连云港市科学技术局",
        ["市财政局"] = "连云港市财政局",
        ["市人社局"] = "连云港市人力资源和社会保障局",
        ["市新闻出版局<市版权局>"] = "连云港市委宣传部（市版权局）",
    };

    public async Task RunAsync(CancellationToken ct)
    {
        if (!options.LoadDemo) return;
        foreach (var file in EmbeddedSeeds.Names("Plans").Where(n => n.EndsWith(".json", StringComparison.Ordinal)))
            await LoadAsync(EmbeddedSeeds.Read<SeedPlan>("Plans", file), ct);
    }

    private async Task LoadAsync(SeedPlan s, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await conn.ExecuteAsync(AdvisoryLocks.XactLock(AdvisoryLocks.PlanSeeds), transaction: tx);
        if (await conn.ExecuteScalarAsync<long?>("SELECT id FROM plans WHERE seed = @Seed", new { s.Seed }, tx) is { } existing)
        {
            await UpgradeAsync(conn, tx, existing, s, ct);
            await tx.CommitAsync(ct);
            return;
        }
        var jurisdiction = s.Jurisdiction?.Name;
        var region = s.Jurisdiction?.RegionCode;
        var planId = await conn.ExecuteScalarAsync<long>("""
            INSERT INTO plans (seed, title, issuer, jurisdiction_name, region_code, period_start, period_end, assessment_text)
            VALUES (@Seed, @Title, @Issuer, @jurisdiction, @region, @PeriodStart, @PeriodEnd, @text) RETURNING id
            """, new { s.Seed, s.Title, s.Issuer, jurisdiction, region, PeriodStart = D(s.PeriodStart), PeriodEnd = D(s.PeriodEnd), text = s.Assessment?.Text }, tx);

        var seq = 0;
        foreach (var p in s.Phases ?? [])
            await conn.ExecuteAsync("INSERT INTO plan_phases (plan_id, seq, name, start_date, end_date, description) VALUES (@planId, @seq, @Name, @Start, @End, @Description)",
                new { planId, seq = ++seq, p.Name, Start = D(p.Start), End = D(p.End), p.Description }, tx);

        seq = 0;
        foreach (var g in s.Goals ?? [])
        {
            var goalId = await conn.ExecuteScalarAsync<long>("""
                INSERT INTO plan_goals (plan_id, seq, indicator_code, name, unit, baseline, baseline_year, direction, source_text, measure)
                VALUES (@planId, @seq, @IndicatorCode, @Name, @Unit, @Baseline, @BaselineYear, @direction, @SourceText, @measure) RETURNING id
                """, new { planId, seq = ++seq, g.IndicatorCode, g.Name, g.Unit, Baseline = g.BaselineValue.Value, BaselineYear = g.BaselineValue.Year,
                    direction = g.Direction ?? "higher", g.SourceText, measure = g.Measure ?? GoalMeasures.Of(g.Name) }, tx);
            foreach (var t in g.Targets ?? [])
                await conn.ExecuteAsync("INSERT INTO plan_goal_targets (goal_id, year, region_code, value) VALUES (@goalId, @Year, @RegionCode, @Value)",
                    new { goalId, t.Year, t.RegionCode, t.Value }, tx);
        }

        // units: every unit the plan names (units list plus any name used in a task)
        var units = (s.Units ?? []).ToDictionary(u => u.Name);
        foreach (var name in (s.Tasks ?? []).SelectMany(t => (t.LeadUnits ?? []).Concat(t.CooperatingUnits ?? [])).Where(n => !units.ContainsKey(n)).ToList())
            units[name] = new SeedUnit(name, "other", null);
        var unitIds = new Dictionary<string, long>();
        var created = new List<string>();
        foreach (var u in units.Values)
        {
            var collective = u.Kind is "district" or "department" && u.RegionCode is null &&
                             (u.Name.StartsWith('各') || u.Name is "功能板块管委会" or "县(区)政府" or "市相关部门");
            long? orgId = null;
            if (!collective && u.Kind is "bureau" or "department" or "district")
                orgId = await LinkOrgUnitAsync(conn, tx, u, jurisdiction, region, s.Seed == "001", created);
            unitIds[u.Name] = await conn.ExecuteScalarAsync<long>("""
                INSERT INTO plan_units (plan_id, name, kind, region_code, collective, org_unit_id) VALUES (@planId, @Name, @Kind, @RegionCode, @collective, @orgId) RETURNING id
                """, new { planId, u.Name, u.Kind, u.RegionCode, collective, orgId }, tx);
        }

        seq = 0;
        foreach (var t in s.Tasks ?? [])
        {
            var taskId = await conn.ExecuteScalarAsync<long>("""
                INSERT INTO plan_tasks (plan_id, seq, no, category, section, title, description, deadline, milestones)
                VALUES (@planId, @seq, @No, @Category, @Section, @Title, @Description, @Deadline, @milestones::jsonb) RETURNING id
                """, new { planId, seq = ++seq, t.No, t.Category, t.Section, t.Title, t.Description, Deadline = D(t.Deadline), milestones = t.Milestones?.GetRawText() ?? "[]" }, tx);
            foreach (var (name, role) in (t.LeadUnits ?? []).Select(n => (n, "lead")).Concat((t.CooperatingUnits ?? []).Select(n => (n, "cooperating"))))
                await conn.ExecuteAsync("INSERT INTO plan_task_units (task_id, unit_id, role) VALUES (@taskId, @unit, @role) ON CONFLICT DO NOTHING",
                    new { taskId, unit = unitIds[name], role }, tx);
        }
        await LinkTasksToPhaseAsync(conn, tx, planId, s);
        await AuditLog.WriteAsync(conn, tx, CurrentUser.System, "create", "plans", planId.ToString(), null,
            new { s.Seed, s.Title, phases = s.Phases?.Count, goals = s.Goals?.Count, tasks = s.Tasks?.Count, createdOrgUnits = created }, ct);
        await tx.CommitAsync(ct);
        log.LogInformation("Loaded demo plan {Seed} {Title} ({Created} org units created)", s.Seed, s.Title, created.Count);
    }

    /// <summary>Tasks without a phase of their own belong to the phase the plan names for its tasks (<see cref="SeedPlan.TaskPhase"/>).</summary>
    private static async Task<int> LinkTasksToPhaseAsync(NpgsqlConnection conn, NpgsqlTransaction tx, long planId, SeedPlan s) =>
        s.TaskPhase is not { } tp ? 0 : await conn.ExecuteAsync("""
            UPDATE plan_tasks SET phase_id = (SELECT id FROM plan_phases WHERE plan_id = @planId AND name = @Phase)
            WHERE plan_id = @planId AND phase_id IS NULL AND EXISTS (SELECT 1 FROM plan_phases WHERE plan_id = @planId AND name = @Phase)
            """, new { planId, tp.Phase }, tx);

    /// <summary>
    /// A plan loaded by an earlier version of the seeds gets what later versions add (task phases, goal measures), once;
    /// nothing a user changed is overwritten (only tasks without a phase, goals still measured by default).
    /// </summary>
    private async Task UpgradeAsync(NpgsqlConnection conn, NpgsqlTransaction tx, long planId, SeedPlan s, CancellationToken ct)
    {
        var linked = await LinkTasksToPhaseAsync(conn, tx, planId, s);
        var measured = 0;
        var seq = 0;
        foreach (var g in s.Goals ?? [])
        {
            seq++;
            var measure = g.Measure ?? GoalMeasures.Of(g.Name);
            if (measure != GoalMeasures.Latest)
                measured += await conn.ExecuteAsync("UPDATE plan_goals SET measure = @measure WHERE plan_id = @planId AND seq = @seq AND measure = 'latest'",
                    new { planId, seq, measure }, tx);
        }
        if (linked + measured == 0) return;
        await AuditLog.WriteAsync(conn, tx, CurrentUser.System, "upgrade", "plans", planId.ToString(), null, new { s.Seed, tasksLinkedToPhase = linked, goalsMeasured = measured }, ct);
        log.LogInformation("Demo plan {Seed}: {Linked} tasks linked to their phase, {Measured} goals measured over the period", s.Seed, linked, measured);
    }

    /// <summary>The org unit of a plan unit: demo alias, exact name, jurisdiction-qualified name, or a district by region code; created when missing.</summary>
    private static async Task<long?> LinkOrgUnitAsync(NpgsqlConnection conn, NpgsqlTransaction tx, SeedUnit u, string? jurisdiction, string? region, bool demo,
        List<string> created)
    {
        if (u.Kind == "district" && u.RegionCode is not null)
        {
            var byRegion = await conn.ExecuteScalarAsync<long?>("SELECT id FROM org_units WHERE kind = 'district' AND region_code = @RegionCode ORDER BY id LIMIT 1", new { u.RegionCode }, tx);
            if (byRegion is not null) return byRegion;
        }
        var name = demo && DemoAliases.TryGetValue(u.Name, out var alias) ? alias : Qualify(u.Name, jurisdiction);
        if (name is null) return null; // a plan without a named jurisdiction (seed 000): names stay unlinked
        var id = await conn.ExecuteScalarAsync<long?>("SELECT id FROM org_units WHERE name = @name OR name = @Name LIMIT 1", new { name, u.Name }, tx);
        if (id is not null) return id;
        var kind = u.Kind is "bureau" ? "bureau" : u.Kind is "district" ? "district" : "department";
        id = await conn.ExecuteScalarAsync<long>("INSERT INTO org_units (name, kind, region_code) VALUES (@name, @kind, @code) RETURNING id",
            new { name, kind, code = u.RegionCode ?? region }, tx);
        await AuditLog.WriteAsync(conn, tx, CurrentUser.System, "create", "org_units", id.ToString(), null, new { name, kind, source = "demo plan" });
        created.Add(name);
        return id;
    }

    /// <summary>Dates go to Npgsql as DateTime (Dapper has no DateOnly parameter mapping).</summary>
    public static DateTime? D(DateOnly? d) => d?.ToDateTime(TimeOnly.MinValue);

    /// <summary>"市工商局" in 西安市's plan → "西安市工商局"; names that already say where they are stay as written.</summary>
    public static string? Qualify(string name, string? jurisdiction)
    {
        if (jurisdiction is null) return null;
        if (name.Contains(jurisdiction.TrimEnd('市'), StringComparison.Ordinal)) return name;
        if (name.StartsWith('市') && jurisdiction.EndsWith('市')) return jurisdiction + name[1..];
        if (name.StartsWith("自治区", StringComparison.Ordinal) && jurisdiction.EndsWith("自治区", StringComparison.Ordinal)) return jurisdiction + name[3..];
        return jurisdiction + name;
    }
}
