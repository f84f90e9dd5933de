using Zhichan.Api.Platform.Workflow;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Zhichan.Api.Features.Transactions.Pledges;

/// <summary>A valuation (评估) an agency made for a client entity: method, value, date, the rights valued and the report file.</summary>
public sealed class PledgeValuation
{
    public long Id { get; set; }
    public long AgencyId { get; set; }
    public long EntityId { get; set; }
    public string Method { get; set; } = ValuationMethods.Income;
    public decimal Value { get; set; }
    public DateOnly ValuedOn { get; set; }
    public string Rights { get; set; } = "[]";
    public long? ReportFileId { get; set; }
    public string? Note { get; set; }
    public bool IsExample { get; set; }
    public long? CreatedBy { get; set; }
    public DateTimeOffset CreatedAt { get; set; } = DateTimeOffset.UtcNow;
    public DateTimeOffset UpdatedAt { get; set; } = DateTimeOffset.UtcNow;
}

/// <summary>A pledge financing (质押融资): pledgor entity, pledgee bank unit, rights, secured amount, term and its state.</summary>
public sealed class Pledge
{
    public long Id { get; set; }
    public long EntityId { get; set; }
    public long BankUnitId { get; set; }
    public decimal Amount { get; set; }
    public DateOnly TermFrom { get; set; }
    public DateOnly TermTo { get; set; }
    public long? ValuationId { get; set; }
    public string? RegistrationNumber { get; set; }
    public DateOnly? RegisteredOn { get; set; }
    public string State { get; set; } = PledgeStates.Applied;
    public DateOnly? ReleasedOn { get; set; }
    public DateOnly? DefaultedOn { get; set; }
    public decimal? OutstandingPrincipal { get; set; }
    public decimal? RecoveredAmount { get; set; }
    public DateOnly? DisposedOn { get; set; }
    public string? RegionCode { get; set; }
    public string Source { get; set; } = "apply";
    public string? Note { get; set; }
    public bool IsExample { get; set; }
    public long? CreatedBy { get; set; }
    public DateTimeOffset CreatedAt { get; set; } = DateTimeOffset.UtcNow;
    public DateTimeOffset UpdatedAt { get; set; } = DateTimeOffset.UtcNow;
}

public sealed class PledgeRight
{
    public long Id { get; set; }
    public long PledgeId { get; set; }
    public string Kind { get; set; } = "patent";
    public string Number { get; set; } = "";
    public long? RecordId { get; set; }
    public string? Title { get; set; }
}

/// <summary>One step of a pledge's life (who, when, from, to, note): the timeline.</summary>
public sealed class PledgeEvent : WorkflowEvent
{
    public long PledgeId { get; set; }
}

/// <summary>The risk-compensation pool of one year: size and the loss-sharing rules.</summary>
public sealed class PledgePool
{
    public long Id { get; set; }
    public int Year { get; set; }
    public decimal FundSize { get; set; }
    public decimal ShareFund { get; set; }
    public decimal ShareBank { get; set; }
    public decimal ShareInsurer { get; set; }
    public decimal ShareValuer { get; set; }
    public decimal CapPerLoan { get; set; }
    public decimal CapPerYear { get; set; }
    public string? Note { get; set; }
    public bool IsExample { get; set; }
    public long? CreatedBy { get; set; }
    public DateTimeOffset CreatedAt { get; set; } = DateTimeOffset.UtcNow;
    public DateTimeOffset UpdatedAt { get; set; } = DateTimeOffset.UtcNow;
}

public sealed class PledgePoolContribution
{
    public long Id { get; set; }
    public long PoolId { get; set; }
    public string Contributor { get; set; } = "";
    public decimal Amount { get; set; }
    public DateOnly PaidOn { get; set; }
    public string? Note { get; set; }
    public long? CreatedBy { get; set; }
    public DateTimeOffset CreatedAt { get; set; } = DateTimeOffset.UtcNow;
}

public sealed class PledgePoolMember
{
    public long Id { get; set; }
    public long PoolId { get; set; }
    public string Kind { get; set; } = "bank";
    public long? BankUnitId { get; set; }
    public long? EntityId { get; set; }
    public DateOnly JoinedOn { get; set; }
    public DateOnly? LeftOn { get; set; }
    public string? Note { get; set; }
    public long? CreatedBy { get; set; }
    public DateTimeOffset CreatedAt { get; set; } = DateTimeOffset.UtcNow;
}

public sealed class PledgeClaim
{
    public long Id { get; set; }
    public long PoolId { get; set; }
    public long PledgeId { get; set; }
    public decimal OutstandingPrincipal { get; set; }
    public decimal Recovered { get; set; }
    public decimal Loss { get; set; }
    public decimal FundShare { get; set; }
    public decimal BankShare { get; set; }
    public decimal InsurerShare { get; set; }
    public decimal ValuerShare { get; set; }
    public decimal FundExcess { get; set; }
    public string? SplitNote { get; set; }
    public string State { get; set; } = ClaimStates.Submitted;
    public string? Reason { get; set; }
    public long? SubmittedBy { get; set; }
    public DateTimeOffset SubmittedAt { get; set; } = DateTimeOffset.UtcNow;
    public long? ReviewedBy { get; set; }
    public DateTimeOffset? ReviewedAt { get; set; }
    public string? Note { get; set; }
}

public sealed class PledgeClaimPayout
{
    public long Id { get; set; }
    public long ClaimId { get; set; }
    public decimal Amount { get; set; }
    public DateOnly PaidOn { get; set; }
    public string? Note { get; set; }
    public long? CreatedBy { get; set; }
    public DateTimeOffset CreatedAt { get; set; } = DateTimeOffset.UtcNow;
}

internal sealed class PledgeEntityConfiguration :
    IEntityTypeConfiguration<PledgeValuation>, IEntityTypeConfiguration<Pledge>, IEntityTypeConfiguration<PledgeRight>, IEntityTypeConfiguration<PledgeEvent>,
    IEntityTypeConfiguration<PledgePool>, IEntityTypeConfiguration<PledgePoolContribution>, IEntityTypeConfiguration<PledgePoolMember>,
    IEntityTypeConfiguration<PledgeClaim>, IEntityTypeConfiguration<PledgeClaimPayout>
{
    public void Configure(EntityTypeBuilder<PledgeValuation> b)
    {
        b.ToTable("pledge_valuations");
        b.Property(v => v.Rights).HasColumnType("jsonb");
    }
    public void Configure(EntityTypeBuilder<Pledge> b) => b.ToTable("pledges");
    public void Configure(EntityTypeBuilder<PledgeRight> b) => b.ToTable("pledge_rights");
    public void Configure(EntityTypeBuilder<PledgeEvent> b) => b.ToTable("pledge_events");
    public void Configure(EntityTypeBuilder<PledgePool> b) => b.ToTable("pledge_pools");
    public void Configure(EntityTypeBuilder<PledgePoolContribution> b) => b.ToTable("pledge_pool_contributions");
    public void Configure(EntityTypeBuilder<PledgePoolMember> b) => b.ToTable("pledge_pool_members");
    public void Configure(EntityTypeBuilder<PledgeClaim> b) => b.ToTable("pledge_claims");
    public void Configure(EntityTypeBuilder<PledgeClaimPayout> b) => b.ToTable("pledge_claim_payouts");
}
