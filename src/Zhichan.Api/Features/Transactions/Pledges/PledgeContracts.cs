namespace Zhichan.Api.Features.Transactions.Pledges;

/// <summary>A right as stored: kind, canonical number, the record it is (null for a trademark the data centre does not hold) and its title.</summary>
public sealed record PledgeRightDto(string Kind, string KindLabel, string Number, long? RecordId, string? Title);

public sealed record RightInput(string? Kind, string? Number);

public sealed record PledgeRow(long Id, long EntityId, string EntityName, long BankUnitId, string BankName, decimal Amount, DateOnly TermFrom, DateOnly TermTo,
    string? RegistrationNumber, DateOnly? RegisteredOn, string State, string StateLabel, string? RegionCode, string? RegionName, int RightCount,
    string? FirstRight, bool IsExample, DateTimeOffset CreatedAt);

public sealed record PledgeList(IReadOnlyList<PledgeRow> Items, long Total, IReadOnlyDictionary<string, long> CountsByState, decimal EffectiveAmount);

public sealed record PledgeEventDto(long Id, string Action, string ActionLabel, string? FromState, string? FromLabel, string ToState, string ToLabel, string? Note,
    string UserName, DateTimeOffset At);

public sealed record GazetteEventDto(long Id, long? RecordId, string ApplicationNumber, DateOnly EventDate, string Code, string CodeLabel, string StatusText,
    string InfoText, long? PledgeId);

public sealed record ValuationSummary(long Id, string AgencyName, string Method, string MethodLabel, decimal Value, DateOnly ValuedOn);

public sealed record ClaimSummary(long Id, int PoolYear, string State, string StateLabel, decimal Loss, decimal FundShare, decimal Paid);

public sealed record ActionDto(string Name, string Label);

public sealed record PledgeDetail(PledgeRow Pledge, IReadOnlyList<PledgeRightDto> Rights, ValuationSummary? Valuation, DateOnly? ReleasedOn,
    DateOnly? DefaultedOn, decimal? OutstandingPrincipal, decimal? RecoveredAmount, DateOnly? DisposedOn, string? Note, IReadOnlyList<PledgeEventDto> Events,
    IReadOnlyList<GazetteEventDto> GazetteEvents, IReadOnlyList<ClaimSummary> Claims, IReadOnlyList<ActionDto> Actions, bool CanClaim);

public sealed record PledgeRequest(long? EntityId, long? BankUnitId, IReadOnlyList<RightInput>? Rights, decimal? Amount, DateOnly? TermFrom, DateOnly? TermTo,
    long? ValuationId, string? Note);

public sealed record PledgeTransitionRequest(string? Action, string? RegistrationNumber, DateOnly? Date, decimal? Amount, DateOnly? TermTo,
    decimal? OutstandingPrincipal, decimal? RecoveredAmount, string? Note);

public sealed record OptionDto(long Id, string Name, string? Detail = null);

public sealed record PledgeOptions(IReadOnlyList<OptionDto> Banks, IReadOnlyList<OptionDto> Valuers, OptionDto? MyEntity, OptionDto? MyAgency,
    IReadOnlyDictionary<string, string> States, IReadOnlyDictionary<string, string> Methods);

public sealed record ValuationRow(long Id, long AgencyId, string AgencyName, long EntityId, string EntityName, string Method, string MethodLabel, decimal Value,
    DateOnly ValuedOn, IReadOnlyList<PledgeRightDto> Rights, long? ReportFileId, string? ReportFileName, string? Note, bool IsExample, int PledgeCount);

public sealed record ValuationRequest(long? AgencyId, long? EntityId, string? Method, decimal? Value, DateOnly? ValuedOn, IReadOnlyList<RightInput>? Rights, string? Note);
