namespace Zhichan.Api.Features.Plans;

// Response types shared by the plan and task use cases.

/// <param name="Status">upcoming, current, ended (the period is over) or undated (the plan gives no period).</param>
/// <param name="StatusName">未开始 / 实施中 / 已期满 / 未定期限.</param>
/// <param name="CurrentYear">The year the plan's views default to: this year within the period, the last year of an ended plan, the first of one to come.</param>
/// <param name="CompletionRate">Completed tasks ÷ all tasks (the final rate of an ended plan).</param>
/// <param name="OwnJurisdiction">The plan of the caller's own jurisdiction (or one containing it); other plans are reference plans of other jurisdictions.</param>
public sealed record PlanSummaryDto(long Id, string? Seed, string Title, string? Issuer, string? JurisdictionName, string? RegionCode, DateOnly? PeriodStart,
    DateOnly? PeriodEnd, int Phases, int Goals, int Tasks, int CompletedTasks, int OverdueTasks = 0, string Status = "undated", string StatusName = "",
    int? CurrentYear = null, decimal CompletionRate = 0, bool OwnJurisdiction = false);

public sealed record PhaseDto(long Id, int Seq, string Name, DateOnly? StartDate, DateOnly? EndDate, string? Description, bool Current);

/// <summary>A district whose goals are computed for its own region against its share of the targets (目标分解).</summary>
public sealed record GoalUnit(long OrgUnitId, string RegionCode);

public sealed record TargetDto(int? Year, string? RegionCode, decimal Value);

/// <param name="Measure">latest (a stock) or period_sum (an increase or running total over the plan's period): <see cref="GoalMeasures"/>.</param>
/// <param name="Trend">up, down or flat from the last two yearly values; null with fewer.</param>
/// <param name="Sources">The publications the values come from (official figures entered with their source), if any.</param>
/// <param name="Responsible">Who must report the value while there is none (the indicator's owning unit), or null.</param>
public sealed record GoalDto(long Id, int Seq, string IndicatorCode, string Name, string Unit, decimal? Baseline, int? BaselineYear, string Direction,
    string? SourceText, IReadOnlyList<TargetDto> Targets, decimal? CurrentValue, int? CurrentYear, string? CurrentDisplay, decimal? Progress, string ProgressNote,
    string Measure = GoalMeasures.Latest, string? Trend = null, IReadOnlyList<ValueSourceDto>? Sources = null, string? Responsible = null);

/// <summary>An official publication a value was taken from: title, address, date, and the period it covers when not a whole year (2024年1—9月).</summary>
public sealed record ValueSourceDto(string Title, string? Url, DateOnly? Date, string? Period, int Year, decimal Value);

public sealed record TaskUnitDto(long UnitId, string Name, string Role, long? OrgUnitId, bool Collective);

/// <param name="Deadline">The task's own deadline, when the plan or the bureau set one.</param>
/// <param name="EffectiveDeadline">The deadline that counts: its own, else the end of its phase, else the plan's end (ADR 0113).</param>
/// <param name="DeadlineSource">task, phase, plan or none.</param>
/// <param name="DeadlineNote">Where the deadline comes from, in Chinese (本任务期限 / 所属阶段“…”结束 / 方案期满).</param>
/// <param name="Overdue">Not completed and past its effective deadline (已逾期).</param>
/// <param name="Lagging">Still not started when its effective deadline has passed (滞后预警).</param>
public sealed record TaskDto(long Id, long PlanId, string No, string? Category, string? Section, string Title, string? Description, DateOnly? Deadline,
    string Milestones, string Status, int Progress, bool Overdue, IReadOnlyList<TaskUnitDto> Units, int PendingReports, DateTime? LastReportAt,
    DateOnly? EffectiveDeadline = null, string DeadlineSource = "none", string DeadlineNote = "", bool Lagging = false, string? PhaseName = null, string StatusName = "");

public sealed record UnitStatusDto(string Unit, long? OrgUnitId, int Total, int Completed, int InProgress, int NotStarted, int Overdue);

/// <param name="Kind">lagging (滞后预警), overdue (逾期), plan_ended (方案期满仍有未完成任务), projected_miss (预计未达成).</param>
public sealed record WarningDto(string Kind, string Severity, string Subject, string Message, long? TaskId, long? GoalId, string KindName = "");

public sealed record PlanDto(PlanSummaryDto Summary, string? AssessmentText, IReadOnlyList<PhaseDto> Phases, IReadOnlyList<GoalDto> Goals,
    IReadOnlyList<TaskDto> Tasks, IReadOnlyList<UnitStatusDto> TasksByLeadUnit, IReadOnlyList<WarningDto> Warnings);

public static class TaskStatuses
{
    public const string NotStarted = "not_started", InProgress = "in_progress", Completed = "completed";
    public static readonly string[] All = [NotStarted, InProgress, Completed];
    public static readonly IReadOnlyDictionary<string, string> Names = new Dictionary<string, string>
    {
        [NotStarted] = "未开始", [InProgress] = "进行中", [Completed] = "已完成",
    };
}

/// <summary>A plan's state on a given day.</summary>
public static class PlanStatuses
{
    public const string Upcoming = "upcoming", Current = "current", Ended = "ended", Undated = "undated";
    public static readonly IReadOnlyDictionary<string, string> Names = new Dictionary<string, string>
    {
        [Upcoming] = "未开始", [Current] = "实施中", [Ended] = "已期满", [Undated] = "未定期限",
    };

    public static string Of(DateOnly? start, DateOnly? end, DateOnly today) =>
        end is { } e && e < today ? Ended : start is { } s && s > today ? Upcoming : start is null && end is null ? Undated : Current;

    /// <summary>The year the plan's views default to.</summary>
    public static int? CurrentYear(DateOnly? start, DateOnly? end, DateOnly today) =>
        end is { } e && e < today ? e.Year : start is { } s && s > today ? s.Year : start is null && end is null ? null : today.Year;
}

/// <summary>
/// How a goal is measured against its target (ADR 0113): by the latest value (a stock: 有效注册商标量达13.5万件, 万人高价值发明专利拥有量达10件)
/// or by the sum of the yearly values from the plan's start (an increase or a running total: 新增发明专利授权5000件, 质押融资累计60亿元).
/// </summary>
public static class GoalMeasures
{
    public const string Latest = "latest", PeriodSum = "period_sum";

    /// <summary>The measure the goal's wording implies: 新增…, …累计…, 累计… are sums over the period; everything else the latest value.</summary>
    public static string Of(string name) => name.StartsWith("新增", StringComparison.Ordinal) || name.Contains("累计", StringComparison.Ordinal) ? PeriodSum : Latest;
}
