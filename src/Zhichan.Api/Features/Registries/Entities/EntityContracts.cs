namespace Zhichan.Api.Features.Registries.Entities;

/// <summary>A row of the entity list: master data, the labels valid today, the records linked.</summary>
public sealed record EntityRow(long Id, string Name, string Kind, string KindLabel, string? CreditCode, string CreditCodeStatus, string? RegionCode,
    string? RegionName, string? IndustryCode, string? Scale, string? ScaleLabel, int RecordCount, bool Master, IReadOnlyList<string> Labels, string? OrgUnitName);

public sealed record EntityNameDto(long Id, string Name, string Kind, string KindLabel, DateOnly? ValidFrom, DateOnly? ValidTo, string? Source, long? MovedFrom,
    DateTimeOffset CreatedAt);

/// <param name="Valid">valid today (within its dates and not revoked)</param>
public sealed record EntityLabelDto(long Id, string Kind, string KindLabel, string? Level, string? LevelLabel, string Display, DateOnly ValidFrom, DateOnly? ValidTo,
    string? CertificateNumber, string? CertifyingBody, string Source, string Origin, string OriginLabel, DateTimeOffset? RevokedAt, string? RevokedReason,
    bool Valid, long? MovedFrom);

/// <param name="Masked">the name, phone and e-mail are masked (Platform/Security/Masking)</param>
public sealed record EntityContactDto(long Id, string Name, string? Title, string? Phone, string? Email, string? Note, bool Masked);

public sealed record LinkRuleCount(string Rule, string Label, long Count, double Confidence);

/// <param name="Total">the entity's resolved links (one per applicant position)</param>
/// <param name="Unresolved">records carrying the entity's id that the last resolution has not yet explained (a resolution is queued after each import)</param>
public sealed record LinkSummary(long Total, IReadOnlyList<LinkRuleCount> ByRule, long Unresolved);

public sealed record CountItem(string Key, string Label, long Count);

public sealed record YearCount(int Year, long Filed, long Granted);

/// <summary>Counts over the records linked to the entity (the resolved links: records.applicant_entity_ids).</summary>
public sealed record EntityCounts(long Records, long Granted, long InForce, IReadOnlyList<CountItem> ByType, IReadOnlyList<CountItem> ByStatus, IReadOnlyList<YearCount> ByYear);

public sealed record EntityHistoryDto(long Id, string Action, string Summary, long? OtherEntityId, string ActorName, DateTimeOffset At);

/// <summary>The entity page (GetEntity): master data, names, labels, contacts, links summary, counts and history.</summary>
/// <param name="RedirectedFrom">the id asked for, when it was merged into this entity</param>
/// <param name="CreditCodeStatus">none | valid | exception (fails the GB 32100 check, accepted by an administrator) | invalid</param>
public sealed record EntityDetail(long Id, long? RedirectedFrom, string Name, string Kind, string KindLabel, string? CreditCode, string CreditCodeStatus,
    string? CreditCodeProblem, string? CreditCodeException, string? CreditCodeExceptionBy, DateTimeOffset? CreditCodeExceptionAt, string? RegionCode,
    string? RegionName, string? IndustryCode, string? IndustryName, string? Scale, string? ScaleLabel, string? Address, string? Note, bool Master,
    string? MasterSource, DateTimeOffset? MasterSince, long? OrgUnitId, string? OrgUnitName, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt,
    IReadOnlyList<EntityNameDto> Names, IReadOnlyList<EntityLabelDto> Labels, IReadOnlyList<EntityContactDto> Contacts, LinkSummary Links,
    EntityCounts Counts, IReadOnlyList<EntityHistoryDto> History, int PendingCorrections, long TookMs);

/// <summary>A record linked to an entity, with the link's rule.</summary>
public sealed record EntityRecordRow(long RecordId, string? ApplicationNumber, string? Title, string RightType, string RightTypeLabel, DateOnly? ApplicationDate,
    DateOnly? GrantDate, string? Status, string? StatusLabel, string? FirstApplicant, int? Position, string? PartyName, string? Rule, string? RuleLabel,
    double? Confidence);

public sealed record EntityLegalEventRow(long Id, long RecordId, string? ApplicationNumber, string? Title, DateOnly EventDate, string Code, string CodeLabel,
    string StatusText, string InfoText);

public sealed record CorrectionItem(long RecordId, int Position, string PartyKey, string PartyName, string? ApplicationNumber, string? Title, long? FromEntityId,
    string? FromEntityName);

public sealed record EntityCorrectionDto(long Id, long EntityId, string EntityName, string Kind, string KindLabel, IReadOnlyList<CorrectionItem> Items, string Reason,
    string Status, string StatusLabel, string RequestedByName, DateTimeOffset RequestedAt, string? ReviewedByName, DateTimeOffset? ReviewedAt, string? ReviewNote);

public sealed record ResolutionRunDto(long Id, long? JobId, string Scope, string ImportIds, DateTime StartedAt, DateTime? FinishedAt, long? Records,
    long? Parties, long? LinksWritten, long? LinksRemoved, long? IdsChanged, int? MasterAdded, int? UnitsLinked, long? Ms, string? ByRule);

/// <param name="JobId">the latest resolution job</param>
/// <param name="JobStatus">queued | running | succeeded | failed</param>
/// <param name="PendingImports">finished imports whose records no resolution has looked at yet</param>
public sealed record EntityResolutionStatus(long? JobId, string? JobStatus, string? JobMessage, int PendingImports, long Links, long MasterEntities,
    IReadOnlyList<ResolutionRunDto> Runs);
