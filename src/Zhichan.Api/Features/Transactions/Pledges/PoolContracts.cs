namespace Zhichan.Api.Features.Transactions.Pledges;

public sealed record PoolRules(int Year, decimal FundSize, decimal ShareFund, decimal ShareBank, decimal ShareInsurer, decimal ShareValuer, decimal CapPerLoan,
    decimal CapPerYear, string? Note, bool IsExample);

public sealed record PoolRequest(decimal? FundSize, decimal? ShareFund, decimal? ShareBank, decimal? ShareInsurer, decimal? ShareValuer, decimal? CapPerLoan,
    decimal? CapPerYear, string? Note, bool? IsExample);

public sealed record PoolMemberDto(long Id, string Kind, string KindLabel, long PartyId, string Name, DateOnly JoinedOn, DateOnly? LeftOn, string? Note);

public sealed record PoolMemberRequest(string? Kind, long? BankUnitId, long? EntityId, DateOnly? JoinedOn, DateOnly? LeftOn, string? Note);

public sealed record ContributionDto(long Id, string Contributor, decimal Amount, DateOnly PaidOn, string? Note);

public sealed record ContributionRequest(string? Contributor, decimal? Amount, DateOnly? PaidOn, string? Note);

/// <summary>One movement of the pool's money (a contribution in, a payout out) with the balance after it.</summary>
public sealed record BalancePoint(DateOnly Date, string Kind, string What, decimal Amount, decimal Balance);

public sealed record ClaimDto(long Id, long PledgeId, string EntityName, string BankName, string? RegistrationNumber, decimal OutstandingPrincipal,
    decimal Recovered, decimal Loss, decimal FundShare, decimal BankShare, decimal InsurerShare, decimal ValuerShare, decimal FundExcess, string? SplitNote,
    string State, string StateLabel, string? Reason, DateTimeOffset SubmittedAt, DateTimeOffset? ReviewedAt, decimal Paid, string? Note);

public sealed record PoolView(PoolRules? Rules, IReadOnlyList<int> Years, IReadOnlyList<PoolMemberDto> Members, IReadOnlyList<ContributionDto> Contributions,
    IReadOnlyList<ClaimDto> Claims, decimal Contributed, decimal PaidOut, decimal Balance, decimal ApprovedFundShares, IReadOnlyList<BalancePoint> History,
    bool CanEdit);

/// <summary>The computed split of a loss (ADR 0034): the four shares, what the caps moved from the fund to the bank, and why.</summary>
public sealed record ClaimSplit(int PoolYear, long PledgeId, decimal OutstandingPrincipal, decimal Recovered, decimal Loss, decimal FundShare, decimal BankShare,
    decimal InsurerShare, decimal ValuerShare, decimal FundExcess, decimal YearlyCapLeft, string Note);

public sealed record ClaimRequest(long? PledgeId, string? Note);

public sealed record ClaimReviewRequest(string? Decision, string? Reason);

public sealed record PayoutRequest(decimal? Amount, DateOnly? PaidOn, string? Note);
