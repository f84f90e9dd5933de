namespace Zhichan.Api.Features.Transactions.Filings;

/// <summary>A party of the form: a registered entity (EntityId), the caller's own unit (OwnUnit), or a name with its credit code.</summary>
public sealed record FilingPartyInput(string? Role, long? EntityId, bool? OwnUnit, string? Name, string? CreditCode);

public sealed record FilingRightInput(string? Kind, string? Number);

/// <summary>The filing form (create and update of a draft, a refused filing or an open change).</summary>
public sealed record FilingForm(string? Kind, IReadOnlyList<FilingPartyInput>? Parties, IReadOnlyList<FilingRightInput>? Rights, string? LicenceType,
    string? Territory, DateOnly? TermFrom, DateOnly? TermTo, string? FeeBasis, decimal? Amount, decimal? RoyaltyRate, DateOnly? ContractDate,
    DateOnly? EffectiveDate, string? RegionCode, string? Note);

public sealed record FilingPartyView(string Role, string RoleName, long? EntityId, long? OrgUnitId, string Name, string? CreditCode);

/// <param name="Expiry">The last day of the patent's term (20/10/15 years from filing), null for trademarks.</param>
public sealed record FilingRightView(string Kind, string KindName, string Number, long? RecordId, string? Title, string? RightType, string? RightTypeName,
    DateOnly? ApplicationDate, DateOnly? Expiry);

public sealed record FilingEventView(long Id, DateTimeOffset At, string Action, string ActionName, string? FromState, string? FromStateName, string ToState,
    string ToStateName, int Version, string? Note, string ActorName);

/// <summary>A gazette (CNIPA legal-status) transfer or licence event matched to the filing by the rule of ADR 0032.</summary>
public sealed record GazetteEventView(long Id, long? RecordId, string ApplicationNumber, DateOnly EventDate, string Kind, string KindName, string Code,
    string StatusText, string InfoText);

/// <summary>The decision limit: due date, working days left (negative when overdue) and the overdue flag.</summary>
public sealed record FilingDue(DateOnly DecisionDue, int WorkingDaysLeft, bool Overdue);

public sealed record FilingRow(long Id, string Kind, string KindName, string State, string StateName, int Version, string? FilingNumber,
    string Givers, string Takers, string RightsSummary, int RightCount, string? LicenceType, string? LicenceTypeName, string? RegionCode, string? RegionName,
    DateOnly? ContractDate, DateOnly? EffectiveDate, DateOnly? SubmittedOn, bool SubmittedLate, FilingDue? Due, DateOnly? ApprovedOn, decimal? Amount,
    string? AgencyName, string Source);

public sealed record FilingDetail(long Id, string Kind, string KindName, string State, string StateName, int Version, string? FilingNumber,
    string? LicenceType, string? LicenceTypeName, string? Territory, DateOnly? TermFrom, DateOnly? TermTo, string? FeeBasis, string? FeeBasisName,
    decimal? Amount, decimal? RoyaltyRate, DateOnly? ContractDate, DateOnly? EffectiveDate, DateOnly SubmitBy, string? RegionCode, string? RegionName,
    string? AgencyName, DateOnly? SubmittedOn, bool SubmittedLate, string? LateWarning, DateOnly? AcceptedOn, FilingDue? Due, DateOnly? DecidedOn,
    DateOnly? ApprovedOn, string? RefusalReason, DateOnly? CancelledOn, string? CancelReason, bool IsChange, long? OpenLicenceId, string Source,
    string? Note, IReadOnlyList<FilingPartyView> Parties, IReadOnlyList<FilingRightView> Rights, IReadOnlyList<FilingEventView> Events,
    IReadOnlyList<GazetteEventView> Gazette, IReadOnlyList<string> Actions, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

/// <summary>The answer of a write: the filing, and a warning (Chinese) the page shows without refusing, e.g. a late submission.</summary>
public sealed record FilingResult(FilingDetail Filing, string? Warning);

/// <summary>A note or reason given with a transition (required for 不予备案 and 注销).</summary>
public sealed record FilingTransitionRequest(string? Note);

/// <summary>The bureau's decision: approve (准予备案) or refuse (不予备案, with the reason).</summary>
public sealed record FilingDecision(bool? Approve, string? Reason);
