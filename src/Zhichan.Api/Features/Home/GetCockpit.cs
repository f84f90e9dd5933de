using Microsoft.Extensions.DependencyInjection;
using Zhichan.Api.Features.Plans;
using Zhichan.Api.Features.Plans.Assessments;
using Zhichan.Api.Features.Protection;
using Zhichan.Api.Features.Protection.Cases;
using Zhichan.Api.Features.Records;
using static Zhichan.Api.Features.Plans.PlanQueries;

namespace Zhichan.Api.Features.Home;

/// <summary>
/// The cockpit (ADR 0113) in one request: for the bureau its jurisdiction, for a district its region, for a department its
/// own unit — the plan in force with each goal's target, actual, completion and trend, the districts' ranking in the latest
/// assessment, tasks overdue or lagging by lead unit, cases due soon or overdue and new complaints, what waits for review,
/// the latest imports and how current each source's records are. Every figure is what the page behind it shows.
/// </summary>
public static class GetCockpit
{
    private const int NewComplaintDays = 7;

    private static readonly IReadOnlyDictionary<string, string> SourceNames = new Dictionary<string, string>
    {
        ["cnipa-csv"] = "国家知识产权局著录项目 CSV", ["cn-db-export"] = "专利数据库导出表", ["cnipa-xml"] = "国家知识产权局 XML", ["wipo-xml"] = "WIPO ST.36/ST.96 XML",
        ["csv"] = "CSV 表格", ["xlsx"] = "Excel 表格", ["xml"] = "XML",
    };

    public static async Task<Ok<CockpitDto>> HandleAsync([FromKeyedServices(DataSources.Read)] NpgsqlDataSource db, ZhichanDb ef, CurrentUser me, TimeProvider clock,
        ProtectionClock caseClock, CockpitFreshnessCache freshnessCache, CancellationToken ct)
    {
        var today = ChinaTime.Today(clock);
        await using var conn = await db.OpenConnectionAsync(ct);
        var scope = me.IsStaff ? "bureau" : me.Role == Roles.District ? "district" : "department";
        var region = me.RegionCode is { Length: 6 } r ? r
            : await conn.ExecuteScalarAsync<string?>(new CommandDefinition("SELECT region_code FROM org_units WHERE kind = 'bureau' AND region_code IS NOT NULL ORDER BY id LIMIT 1", cancellationToken: ct));
        var scopeName = scope == "bureau"
            ? await conn.ExecuteScalarAsync<string?>(new CommandDefinition("SELECT name FROM ref_regions WHERE code = @region", new { region }, cancellationToken: ct)) ?? "本辖区"
            : me.OrgUnitName ?? "本单位";

        // the plan in force of the caller's jurisdiction (else its latest), and everything of it the caller may see
        var plan = (await SummariesAsync(conn, me, today)).Where(p => p.OwnJurisdiction)
            .OrderBy(p => p.Status == PlanStatuses.Current ? 0 : p.Status == PlanStatuses.Ended ? 1 : 2).ThenByDescending(p => p.PeriodEnd).FirstOrDefault();
        // past its deadline (ADR 0070) the cockpit stops between stages; its own queries are cancelled with the token
        ct.ThrowIfCancellationRequested();
        var year = plan?.CurrentYear ?? today.Year;
        CockpitPlanDto? planDto = null;
        IReadOnlyList<GoalDto> goals = [];
        string? goalsNote = null;
        var tasks = new List<TaskDto>();
        if (plan is not null)
        {
            (goals, goalsNote) = await GoalsAsync(conn, me, scope, plan, today, ct);
            ct.ThrowIfCancellationRequested();
            tasks = await LoadTasksAsync(conn, me, "t.plan_id = @planId", new { planId = plan.Id }, today);
            ct.ThrowIfCancellationRequested();
            var phase = await conn.ExecuteScalarAsync<string?>(new CommandDefinition(
                "SELECT name FROM plan_phases WHERE plan_id = @Id AND start_date <= @today AND end_date >= @today ORDER BY seq LIMIT 1", new { plan.Id, today }, cancellationToken: ct));
            var warnings = Warnings(plan, tasks, await GoalProgress.LoadAsync(conn, plan, today)).Count;
            planDto = new CockpitPlanDto(plan.Id, plan.Title, plan.Status, plan.StatusName, plan.PeriodStart, plan.PeriodEnd, phase, tasks.Count,
                tasks.Count(t => t.Status == TaskStatuses.Completed), tasks.Count(t => t.Overdue), tasks.Count(t => t.Lagging),
                tasks.Count == 0 ? 0 : Math.Round((decimal)tasks.Count(t => t.Status == TaskStatuses.Completed) / tasks.Count, 4), warnings);
        }
        var late = tasks.Where(t => t.Overdue).OrderBy(t => t.EffectiveDeadline).ThenBy(t => t.Id).ToList();
        var byUnit = tasks.Where(t => t.Status != TaskStatuses.Completed)
            .SelectMany(t => t.Units.Where(u => u.Role == "lead").Select(u => (u.Name, u.OrgUnitId, Task: t)))
            .GroupBy(x => (x.Name, x.OrgUnitId))
            .Select(g => new CockpitUnitTasksDto(g.Key.Name, g.Key.OrgUnitId, g.Count(), g.Count(x => x.Task.Overdue), g.Count(x => x.Task.Lagging)))
            .OrderByDescending(u => u.Overdue).ThenByDescending(u => u.Open).ThenBy(u => u.Unit, StringComparer.Ordinal).ToList();

        ct.ThrowIfCancellationRequested();
        var (districts, districtsNote) = await DistrictsAsync(conn, me, plan, region, ct);
        ct.ThrowIfCancellationRequested();
        // the case queues count with protection's own clock, as the case list's tabs do
        var cases = await CasesAsync(ef, me, Deadlines.Today(caseClock), ct);
        var reviews = await ReviewsAsync(conn, me, ct);
        var imports = me.IsStaff ? (await conn.QueryAsync<CockpitImportDto>(new CommandDefinition("""
            SELECT id, file_name, format, status, finished_at, inserted, updated, rejected FROM imports ORDER BY id DESC LIMIT 5
            """, cancellationToken: ct))).ToList() : [];
        var freshness = await FreshnessAsync(conn, db, freshnessCache, ct);
        return TypedResults.Ok(new CockpitDto(scope, scopeName, scope == "department" ? null : region, today, year, planDto, goals, districts, districtsNote,
            byUnit, late.Take(10).ToList(), cases, reviews, imports, freshness, goalsNote));
    }

    /// <summary>
    /// The goals the caller answers for: the bureau the whole plan's; a district its own values against its share of each target
    /// (目标分解); a department the goals whose indicator it reports.
    /// </summary>
    private static async Task<(IReadOnlyList<GoalDto>, string?)> GoalsAsync(NpgsqlConnection conn, CurrentUser me, string scope, PlanSummaryDto plan, DateOnly today, CancellationToken ct)
    {
        if (scope == "bureau") return (await GoalProgress.LoadAsync(conn, plan, today), null);
        if (scope == "district")
        {
            if (me.OrgUnitId is not { } org || me.RegionCode is not { Length: 6 } region) return ([], "本单位未设定行政区划");
            var goals = await GoalProgress.LoadAsync(conn, plan, today, new GoalUnit(org, region));
            var shared = goals.Count(g => g.Targets.Count > 0);
            return (goals, shared == 0 ? "市级目标尚未分解到本单位：下列为本区的实际值" : $"{goals.Count} 项目标中 {shared} 项已分解到本单位");
        }
        var owned = (await conn.QueryAsync<(string Code, string? Owner)>(new CommandDefinition("SELECT code, owner_unit FROM indicator_definitions WHERE superseded_at IS NULL", cancellationToken: ct)))
            .Where(d => Indicators.IndicatorValues.OwnedBy(d.Owner, me.OrgUnitName)).Select(d => d.Code).ToHashSet(StringComparer.Ordinal);
        var mine = (await GoalProgress.LoadAsync(conn, plan, today)).Where(g => owned.Contains(g.IndicatorCode)).ToList();
        return (mine, mine.Count == 0 ? "本方案没有由本单位填报的目标指标" : "由本单位填报数值的目标指标");
    }

    /// <summary>The districts of the jurisdiction with their place in the latest assessment of districts (a unit sees the published one only).</summary>
    private static async Task<(List<CockpitDistrictDto>, string?)> DistrictsAsync(NpgsqlConnection conn, CurrentUser me, PlanSummaryDto? plan, string? region, CancellationToken ct)
    {
        if (region is null) return ([], null);
        var prefix = CurrentUser.SignificantPrefix(region.Length == 6 && me.Role == Roles.District ? region[..4] + "00" : region);
        var units = (await conn.QueryAsync<(long Id, string Name, string? Region)>(new CommandDefinition("""
            SELECT id, name, region_code FROM org_units WHERE kind = 'district' AND is_active AND region_code LIKE @prefix || '%' ORDER BY region_code, id
            """, new { prefix }, cancellationToken: ct))).ToList();
        if (plan is null) return (units.Select(u => new CockpitDistrictDto(u.Id, u.Name, u.Region, null, null, null, false, null)).ToList(), "暂无方案");
        var scheme = await conn.QuerySingleOrDefaultAsync<(long Id, int Year, string Status)?>(new CommandDefinition("""
            SELECT id, year, status FROM assessment_schemes WHERE plan_id = @Id AND target_kind = 'district' AND (@staff OR status = 'published')
            ORDER BY year DESC, (status = 'published') DESC LIMIT 1
            """, new { plan.Id, staff = me.IsStaff }, cancellationToken: ct));
        if (scheme is not { } s)
            return (units.Select(u => new CockpitDistrictDto(u.Id, u.Name, u.Region, null, null, null, false, null)).ToList(), "尚未开展县区考核");
        var assessment = await AssessmentQueries.LoadAsync(conn, s.Id, me);
        var ranking = assessment.Ranking.ToDictionary(x => x.OrgUnitId);
        var list = units.Select(u => ranking.TryGetValue(u.Id, out var x)
                ? new CockpitDistrictDto(u.Id, u.Name, u.Region, x.Rank, x.Total, s.Year, s.Status == "published", s.Id)
                : new CockpitDistrictDto(u.Id, u.Name, u.Region, null, null, s.Year, s.Status == "published", s.Id))
            .OrderBy(d => d.Rank ?? int.MaxValue).ThenBy(d => d.RegionCode, StringComparer.Ordinal).ToList();
        return (list, s.Status == "published" ? $"{s.Year} 年县区考核（已发布）" : $"{s.Year} 年县区考核（草稿，未发布）");
    }

    private static async Task<CockpitCasesDto> CasesAsync(ZhichanDb ef, CurrentUser me, DateOnly today, CancellationToken ct)
    {
        var visible = CaseQueries.Visible(ef, me).AsNoTracking();
        var open = await visible.Where(c => CaseStatus.Open.Contains(c.Status)).Select(c => new { c.Status, c.AcceptDue, c.DecisionDue, c.Extended }).ToListAsync(ct);
        var cal = await WorkCalendarLoader.LoadAsync(ef, ct);
        var countdowns = open.Select(c => CaseQueries.CurrentCountdown(c.Status, c.AcceptDue, c.DecisionDue, c.Extended, cal, today)).OfType<Countdown>().ToList();
        var since = today.AddDays(-NewComplaintDays);
        var fresh = await visible.CountAsync(c => c.ReceivedOn >= since, ct);
        return new CockpitCasesDto(open.Count, countdowns.Count(c => c.DueSoon && !c.Overdue), countdowns.Count(c => c.Overdue), fresh, NewComplaintDays);
    }

    private static async Task<CockpitReviewsDto> ReviewsAsync(NpgsqlConnection conn, CurrentUser me, CancellationToken ct)
    {
        if (me.IsStaff)
            return new CockpitReviewsDto(
                await conn.ExecuteScalarAsync<int>(new CommandDefinition("SELECT count(*)::int FROM progress_reports WHERE status = 'submitted'", cancellationToken: ct)),
                await conn.ExecuteScalarAsync<int>(new CommandDefinition("SELECT count(*)::int FROM indicator_values WHERE status = 'reported' OR pending_value IS NOT NULL", cancellationToken: ct)), 0);
        var org = me.OrgUnitId ?? -1;
        return new CockpitReviewsDto(
            await conn.ExecuteScalarAsync<int>(new CommandDefinition("SELECT count(*)::int FROM progress_reports WHERE status = 'submitted' AND org_unit_id = @org", new { org }, cancellationToken: ct)),
            await conn.ExecuteScalarAsync<int>(new CommandDefinition("SELECT count(*)::int FROM indicator_values WHERE (status = 'reported' OR pending_value IS NOT NULL) AND (reported_unit_id = @org OR pending_unit_id = @org)", new { org }, cancellationToken: ct)),
            await conn.ExecuteScalarAsync<int>(new CommandDefinition("SELECT count(*)::int FROM progress_reports WHERE status = 'returned' AND org_unit_id = @org", new { org }, cancellationToken: ct)));
    }

    /// <summary>
    /// How current the data centre is: per source, the records and the newest publication date among them. A pass over every
    /// record (a second at 215k, more under load): computed once per version of the records' data, in the background, never
    /// by a waiting request except the first (ADR 0068).
    /// </summary>
    internal static async Task<IReadOnlyList<CockpitFreshnessDto>> FreshnessAsync(NpgsqlConnection conn, NpgsqlDataSource db, CockpitFreshnessCache cache, CancellationToken ct) =>
        await cache.GetAsync(await RecordsVersion.ReadAsync(conn, ct), ct, async () =>
        {
            await using var own = await db.OpenConnectionAsync();
            var version = await RecordsVersion.ReadAsync(own, CancellationToken.None);
            var freshness = (await own.QueryAsync<(string? Source, long Records, DateOnly? Newest)>("""
                SELECT source_format, count(*), max(COALESCE(publication_date, application_date)) FROM records GROUP BY source_format ORDER BY count(*) DESC
                """)).Select(x => new CockpitFreshnessDto(x.Source ?? "unknown", SourceNames.GetValueOrDefault(x.Source ?? "", x.Source ?? "未注明"), x.Records, x.Newest))
                .ToList();
            return (version is not null && await RecordsVersion.ReadAsync(own, CancellationToken.None) == version ? version : null, freshness);
        });
}

/// <summary>
/// The data centre's freshness (one entry: every cockpit shows the same). Served from the last computation; when the records'
/// data version has moved on, one computation runs in the background (its own connection, not cancelled with a request); a
/// request waits up to half a second for it (a small data centre's figures are then current at once) and otherwise shows the
/// previous figures — seconds behind an import at most. Only the first request of a process waits for it, until its deadline. Stale computations (the data changed while counting) are kept for display but recomputed on the next request.
/// </summary>
public sealed class CockpitFreshnessCache
{
    private volatile Tuple<string?, IReadOnlyList<CockpitFreshnessDto>>? _last;
    private Task? _refresh;
    private readonly object _lock = new();

    /// <summary>How long a request waits for a running computation before it shows the previous figures.</summary>
    private static readonly TimeSpan FreshWait = TimeSpan.FromMilliseconds(500);

    public async Task<IReadOnlyList<CockpitFreshnessDto>> GetAsync(string? version, CancellationToken ct,
        Func<Task<(string? Version, IReadOnlyList<CockpitFreshnessDto> Freshness)>> compute)
    {
        var last = _last;
        if (last is not null && version is not null && last.Item1 == version) return last.Item2;
        Task refresh;
        lock (_lock)
        {
            if (_refresh is null || _refresh.IsCompleted)
                _refresh = Task.Run(async () =>
                {
                    var (v, f) = await compute();
                    _last = Tuple.Create(v, f);
                });
            refresh = _refresh;
        }
        // a small data centre counts in milliseconds: wait a moment for the new figures; a large one shows the last ones meanwhile
        if (last is null) await refresh.WaitAsync(ct);
        else if (await Task.WhenAny(refresh, Task.Delay(FreshWait)) != refresh) return last.Item2;
        return _last?.Item2 ?? last!.Item2;
    }
}
