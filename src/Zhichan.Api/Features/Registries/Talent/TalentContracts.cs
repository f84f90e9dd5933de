namespace Zhichan.Api.Features.Registries.Talent;

/// <param name="Current">Counted today: qualified (or no date) and not left.</param>
public sealed record TalentRow(long Id, string Name, string Category, string CategoryLabel, string UnitName, long? OrgUnitId, string RegionCode,
    string? RegionName, string? Qualification, string? CertificateNumber, DateOnly? QualifiedOn, DateOnly? ValidUntil, DateOnly? LeftOn, bool Current,
    bool IsExample, string? Note);

public sealed record TalentRequest(string? Name, string? Category, string? UnitName, long? OrgUnitId, string? RegionCode, string? Qualification,
    string? CertificateNumber, DateOnly? QualifiedOn, DateOnly? ValidUntil, DateOnly? LeftOn, string? Note);

public sealed record CategoryDto(string Code, string Label);

/// <summary>One line of the counts: a region or a unit, the number of people per category and in all.</summary>
public sealed record TalentCount(string Key, string Label, string? RegionName, Dictionary<string, int> ByCategory, int Total);

public sealed record TalentCounts(DateOnly AsOf, CategoryDto[] Categories, TalentCount[] ByRegion, TalentCount[] ByUnit, int Total);
