namespace Zhichan.Api.Features.Indicators;

// Response types shared by several indicator use cases (definitions, values and their lineage).

public sealed record IndicatorDto(string Code, int Version, long DefinitionId, string Name, string Unit, string Direction, string Category, string Source,
    string SourceName, string? Method, string[] RightTypes, string Counting, string CountingName, bool Fractional, bool DomesticOnly, string TimeBasis,
    string TimeBasisName, bool PerCapita, string RuleText, string? OwnerUnit, string? DataNote, bool Computable, DateTime CreatedAt, DateTime? SupersededAt);

public sealed record PopulationDto(long Population, int Year, string Basis, string Source);

public sealed record ComponentDto(string Key, string Name, string Status, decimal? Value, string Reason);

public sealed record IndicatorValueDto(long? Id, string RegionCode, string? RegionName, int Year, decimal? Value, string Status, string StatusName,
    string Display, int DefinitionVersion, long DefinitionId, decimal? Numerator, PopulationDto? Population, IReadOnlyList<ComponentDto>? Components,
    string? Note, DateTime? DataAsOf, DateTime? ComputedAt, string? ReportedUnit, string? ReviewComment, string? RecordsLink, string? DrillDownLink,
    ValueLineageDto? Lineage = null, PendingCorrectionDto? PendingCorrection = null, PublicationDto? Publication = null);

/// <summary>The official publication a value was taken from, and the period it covers when not the whole year.</summary>
public sealed record PublicationDto(string Title, string? Url, DateOnly? Date, string? Period);

/// <summary>A reported correction of an accepted value, waiting for the bureau's review; the accepted value stays in force until then.</summary>
public sealed record PendingCorrectionDto(decimal Value, string? Note, string? ReportingUnit, string? ReportedBy, DateTime ReportedAt);

/// <summary>
/// Where a value comes from: the definition version and data date; for a custom unit the member regions it was computed over;
/// for a reported value the progress report, the reporting unit and who accepted it when, and its version (1, 2 … per acceptance).
/// </summary>
public sealed record ValueLineageDto(string Text, int DefinitionVersion, int ValueVersion, IReadOnlyList<string>? MemberCodes, IReadOnlyList<string>? MemberNames,
    long? ProgressReportId, string? ReportingUnit, string? ReportedBy, string? AcceptedBy, DateTime? AcceptedAt);

public sealed record JobStartedDto(long JobId, string Message);
