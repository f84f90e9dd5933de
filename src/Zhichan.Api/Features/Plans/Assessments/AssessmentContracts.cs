namespace Zhichan.Api.Features.Plans.Assessments;

public sealed record AssessmentItemRequest(string? Name, string? Kind, decimal? Weight, string? IndicatorCode, string? Rule);

public sealed record AssessmentItemDto(long Id, int Seq, string Name, string Kind, decimal Weight, string? IndicatorCode, string Rule);

public sealed record AssessmentScoreDto(long ItemId, long OrgUnitId, decimal? Score, bool Automatic, string Reason, DateTime ScoredAt);

/// <summary>One assessed unit's row. OrgUnitId is the org unit's id, or the custom unit's id when the scheme's target kind is "custom".</summary>
public sealed record RankingRowDto(int Rank, long OrgUnitId, string Unit, string? RegionCode, decimal Total, int Unscored, IReadOnlyList<AssessmentScoreDto> Scores,
    IReadOnlyList<string>? MemberCodes = null);

/// <param name="PublicAt">When the bureau made the published results public on the portal; null while they are not public.</param>
public sealed record AssessmentSummaryDto(long Id, long PlanId, int Year, string TargetKind, string Status, DateTime? PublishedAt, decimal TotalWeight,
    DateTime? PublicAt);

public sealed record AssessmentDto(AssessmentSummaryDto Scheme, IReadOnlyList<AssessmentItemDto> Items, IReadOnlyList<RankingRowDto> Ranking);
