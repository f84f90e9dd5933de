using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Zhichan.Api.Platform.Workflow;

namespace Zhichan.Api.Features.Transactions.Filings;

/// <summary>A licence or assignment contract filed for 备案 (licence_filings, migration 0045).</summary>
public sealed class LicenceFiling
{
    public long Id { get; set; }
    public string Kind { get; set; } = FilingKinds.Licence;
    public string State { get; set; } = FilingStates.Draft;
    public int Version { get; set; } = 1;
    public string? FilingNumber { get; set; }
    public string? LicenceType { get; set; }
    public string? Territory { get; set; }
    public DateOnly? TermFrom { get; set; }
    public DateOnly? TermTo { get; set; }
    public string? FeeBasis { get; set; }
    public decimal? Amount { get; set; }
    public decimal? RoyaltyRate { get; set; }
    public DateOnly? ContractDate { get; set; }
    public DateOnly? EffectiveDate { get; set; }
    public string? RegionCode { get; set; }
    public long? AgencyOrgUnitId { get; set; }
    public string? AgencyName { get; set; }
    public long? OwnerOrgUnitId { get; set; }
    public DateOnly? SubmittedOn { get; set; }
    public bool SubmittedLate { get; set; }
    public DateOnly? AcceptedOn { get; set; }
    public DateOnly? DecisionDue { get; set; }
    public DateOnly? DecidedOn { get; set; }
    public DateOnly? ApprovedOn { get; set; }
    public string? RefusalReason { get; set; }
    public DateOnly? CancelledOn { get; set; }
    public string? CancelReason { get; set; }
    public string? ApprovedSnapshot { get; set; }
    public long? OpenLicenceId { get; set; }
    public string Source { get; set; } = "form";
    public string? Note { get; set; }
    public long? CreatedBy { get; set; }
    public DateTimeOffset CreatedAt { get; set; } = DateTimeOffset.UtcNow;
    public DateTimeOffset UpdatedAt { get; set; } = DateTimeOffset.UtcNow;
}

public sealed class LicenceFilingParty
{
    public long Id { get; set; }
    public long FilingId { get; set; }
    public string Role { get; set; } = "";
    public int Seq { get; set; }
    public long? EntityId { get; set; }
    public long? OrgUnitId { get; set; }
    public string Name { get; set; } = "";
    public string? CreditCode { get; set; }
}

public sealed class LicenceFilingRight
{
    public long Id { get; set; }
    public long FilingId { get; set; }
    public int Seq { get; set; }
    public string Kind { get; set; } = "";
    public string Number { get; set; } = "";
    public long? RecordId { get; set; }
    public string? Title { get; set; }
    public string? RightType { get; set; }
    public DateOnly? ApplicationDate { get; set; }
}

/// <summary>One step of the filing's timeline (the shared workflow columns), with the version of the contract it concerns.</summary>
public sealed class LicenceFilingEvent : WorkflowEvent
{
    public long FilingId { get; set; }
    public int Version { get; set; }
}

/// <summary>An open-licence declaration (开放许可, 专利法 第五十条; open_licences, migration 0046).</summary>
public sealed class OpenLicence
{
    public long Id { get; set; }
    public long RecordId { get; set; }
    public string ApplicationNumber { get; set; } = "";
    public string? Title { get; set; }
    public string RightType { get; set; } = "";
    public DateOnly ApplicationDate { get; set; }
    public long? HolderOrgUnitId { get; set; }
    public string HolderName { get; set; } = "";
    public string? HolderCreditCode { get; set; }
    public string? RegionCode { get; set; }
    public string FeeBasis { get; set; } = "";
    public decimal? Amount { get; set; }
    public decimal? RoyaltyRate { get; set; }
    public DateOnly TermFrom { get; set; }
    public DateOnly TermTo { get; set; }
    public string State { get; set; } = "draft";
    public DateOnly? PublishedOn { get; set; }
    public DateOnly? WithdrawnOn { get; set; }
    public string? Note { get; set; }
    public long? CreatedBy { get; set; }
    public DateTimeOffset CreatedAt { get; set; } = DateTimeOffset.UtcNow;
    public DateTimeOffset UpdatedAt { get; set; } = DateTimeOffset.UtcNow;
}

internal sealed class FilingEntityConfiguration :
    IEntityTypeConfiguration<LicenceFiling>, IEntityTypeConfiguration<LicenceFilingParty>, IEntityTypeConfiguration<LicenceFilingRight>,
    IEntityTypeConfiguration<LicenceFilingEvent>, IEntityTypeConfiguration<OpenLicence>
{
    public void Configure(EntityTypeBuilder<LicenceFiling> b) { b.ToTable("licence_filings"); b.Property(x => x.ApprovedSnapshot).HasColumnType("jsonb"); }
    public void Configure(EntityTypeBuilder<LicenceFilingParty> b) => b.ToTable("licence_filing_parties");
    public void Configure(EntityTypeBuilder<LicenceFilingRight> b) => b.ToTable("licence_filing_rights");
    public void Configure(EntityTypeBuilder<LicenceFilingEvent> b) => b.ToTable("licence_filing_events");
    public void Configure(EntityTypeBuilder<OpenLicence> b) => b.ToTable("open_licences");
}
