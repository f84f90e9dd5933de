using Zhichan.Api.Features.Plans;

namespace Zhichan.Api.Features.Home;

/// <param name="Scope">bureau (the jurisdiction), district (its region) or department (its own unit).</param>
/// <param name="ScopeName">连云港市 / 连云区 / 连云港市公安局.</param>
/// <param name="Year">The year the cockpit shows: the plan's current year.</param>
/// <param name="Goals">Bureau: the plan's goals; district: its own values against its share of each target (目标分解); department: the goals it reports.</param>
/// <param name="GoalsNote">What the goals are for this caller, or why there are none.</param>
public sealed record CockpitDto(string Scope, string ScopeName, string? RegionCode, DateOnly Today, int Year, CockpitPlanDto? Plan,
    IReadOnlyList<GoalDto> Goals, IReadOnlyList<CockpitDistrictDto> Districts, string? DistrictsNote, IReadOnlyList<CockpitUnitTasksDto> TasksByUnit,
    IReadOnlyList<TaskDto> LateTasks, CockpitCasesDto Cases, CockpitReviewsDto Reviews, IReadOnlyList<CockpitImportDto> Imports,
    IReadOnlyList<CockpitFreshnessDto> Freshness, string? GoalsNote = null);

public sealed record CockpitPlanDto(long Id, string Title, string Status, string StatusName, DateOnly? PeriodStart, DateOnly? PeriodEnd, string? CurrentPhase,
    int Tasks, int CompletedTasks, int OverdueTasks, int LaggingTasks, decimal CompletionRate, int Warnings);

/// <param name="Rank">The unit's place in the latest assessment of districts (published, or the bureau's draft), null when not assessed.</param>
public sealed record CockpitDistrictDto(long OrgUnitId, string Name, string? RegionCode, int? Rank, decimal? Total, int? AssessmentYear, bool Published, long? SchemeId);

public sealed record CockpitUnitTasksDto(string Unit, long? OrgUnitId, int Open, int Overdue, int Lagging);

public sealed record CockpitCasesDto(int Open, int DueSoon, int Overdue, int NewComplaints, int NewComplaintsDays);

/// <param name="ProgressReports">Progress reports awaiting the bureau's review (for a unit: its own awaiting review).</param>
/// <param name="ReportedValues">Reported indicator values and corrections awaiting review.</param>
/// <param name="Returned">The unit's reports returned for rework (units only).</param>
public sealed record CockpitReviewsDto(int ProgressReports, int ReportedValues, int Returned);

public sealed record CockpitImportDto(long Id, string FileName, string Format, string Status, DateTime? FinishedAt, long Inserted, long Updated, long Rejected);

/// <param name="Source">The source format of the records (its Chinese name).</param>
/// <param name="NewestDate">The latest publication (or application) date among them: how current the data is.</param>
public sealed record CockpitFreshnessDto(string Source, string SourceName, long Records, DateOnly? NewestDate);
