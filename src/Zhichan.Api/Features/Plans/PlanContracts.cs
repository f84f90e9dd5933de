namespace Zhichan.Api.Features.Plans;

// Response types shared by the plan and task use cases.

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

public static class TaskStatuses
{
    public const string NotStarted = "not_started", InProgress = "in_progress", Completed = "completed";
    public static readonly string[] All = [NotStarted, InProgress, Completed];
}
