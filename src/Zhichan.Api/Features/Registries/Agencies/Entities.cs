using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Zhichan.Api.Features.Registries.Agencies;

/// <summary>An IP service agency (服务机构) of the register.</summary>
public sealed class Agency
{
    public long Id { get; set; }
    public long? OrgUnitId { get; set; }
    public string Name { get; set; } = "";
    public string? CreditCode { get; set; }
    public string? LicenceNumber { get; set; }
    public string[] Kinds { get; set; } = [];
    public int? StaffCount { get; set; }
    public int? AgentCount { get; set; }
    public string? RegionCode { get; set; }
    public string Services { get; set; } = "";
    public string? Address { get; set; }
    public string? BusinessPhone { get; set; }
    public string? BusinessEmail { get; set; }
    public string? Website { get; set; }
    public string? ContactName { get; set; }
    public string? ContactPhone { get; set; }
    public string? ContactEmail { get; set; }
    public string Status { get; set; } = "active";
    public DateOnly? RegisteredOn { get; set; }
    public DateOnly? CancelledOn { get; set; }
    public bool IsExample { get; set; }
    public string? Note { get; set; }
    public DateTimeOffset CreatedAt { get; set; } = DateTimeOffset.UtcNow;
    public DateTimeOffset UpdatedAt { get; set; } = DateTimeOffset.UtcNow;
}

public sealed class AgencyAnnualReport
{
    public long Id { get; set; }
    public long AgencyId { get; set; }
    public int Year { get; set; }
    public DateOnly SubmittedOn { get; set; }
    public DateOnly DueOn { get; set; }
    public string? Note { get; set; }
    public long? RecordedBy { get; set; }
    public DateTimeOffset CreatedAt { get; set; } = DateTimeOffset.UtcNow;
}

public sealed class AgencyChange
{
    public long Id { get; set; }
    public long AgencyId { get; set; }
    public string Changes { get; set; } = "{}";
    public string Before { get; set; } = "{}";
    public string Status { get; set; } = "pending";
    public long? RequestedBy { get; set; }
    public DateTimeOffset RequestedAt { get; set; } = DateTimeOffset.UtcNow;
    public string? Reason { get; set; }
    public long? DecidedBy { get; set; }
    public DateTimeOffset? DecidedAt { get; set; }
}

public sealed class AgencyEvent
{
    public long Id { get; set; }
    public long AgencyId { get; set; }
    public string Kind { get; set; } = "";
    public DateOnly OccurredOn { get; set; }
    public string Title { get; set; } = "";
    public string? Reference { get; set; }
    public long? CreatedBy { get; set; }
    public DateTimeOffset CreatedAt { get; set; } = DateTimeOffset.UtcNow;
}

public sealed class AgencyGradingRuleRow
{
    public int Version { get; set; }
    public decimal BaseScore { get; set; }
    public string Items { get; set; } = "[]";
    public string Thresholds { get; set; } = "[]";
    public int ObjectionDays { get; set; }
    public string? Note { get; set; }
    public long? CreatedBy { get; set; }
    public DateTimeOffset CreatedAt { get; set; } = DateTimeOffset.UtcNow;
}

public sealed class AgencyGrading
{
    public long Id { get; set; }
    public long AgencyId { get; set; }
    public int Year { get; set; }
    public int RuleVersion { get; set; }
    public decimal Score { get; set; }
    public string Grade { get; set; } = "";
    public string Breakdown { get; set; } = "[]";
    public string Status { get; set; } = "draft";
    public long? ComputedBy { get; set; }
    public DateTimeOffset ComputedAt { get; set; } = DateTimeOffset.UtcNow;
    public DateTimeOffset? PublishedAt { get; set; }
    public DateOnly? ObjectionUntil { get; set; }
    public long? SupersededById { get; set; }
    public string? SupersedeReason { get; set; }
}

public sealed class AgencyGradingObjection
{
    public long Id { get; set; }
    public long GradingId { get; set; }
    public string Reason { get; set; } = "";
    public long? FiledBy { get; set; }
    public DateTimeOffset FiledAt { get; set; } = DateTimeOffset.UtcNow;
    public string Status { get; set; } = "pending";
    public string? Decision { get; set; }
    public long? DecidedBy { get; set; }
    public DateTimeOffset? DecidedAt { get; set; }
    public long? RegradeId { get; set; }
}

public sealed class InspectionItem
{
    public long Id { get; set; }
    public string Name { get; set; } = "";
    public string Kind { get; set; } = "general";
    public string Basis { get; set; } = "";
    public string Content { get; set; } = "";
    public bool IsActive { get; set; } = true;
    public DateTimeOffset CreatedAt { get; set; } = DateTimeOffset.UtcNow;
}

public sealed class Inspector
{
    public long Id { get; set; }
    public string Name { get; set; } = "";
    public long OrgUnitId { get; set; }
    public long? UserId { get; set; }
    public string? CertificateNumber { get; set; }
    public bool IsActive { get; set; } = true;
    public DateTimeOffset CreatedAt { get; set; } = DateTimeOffset.UtcNow;
}

public sealed class InspectorRelation
{
    public long Id { get; set; }
    public long InspectorId { get; set; }
    public long AgencyId { get; set; }
    public string Relation { get; set; } = "";
    public DateOnly DeclaredOn { get; set; }
}

public sealed class InspectionRuleRow
{
    public int Version { get; set; }
    public decimal SharePercent { get; set; }
    public string Weights { get; set; } = "{}";
    public int InspectorsPerTarget { get; set; }
    public bool AvoidPrevious { get; set; }
    public string? Note { get; set; }
    public long? CreatedBy { get; set; }
    public DateTimeOffset CreatedAt { get; set; } = DateTimeOffset.UtcNow;
}

public sealed class InspectionDraw
{
    public long Id { get; set; }
    public string Title { get; set; } = "";
    public int Year { get; set; }
    public long[] ItemIds { get; set; } = [];
    public int RuleVersion { get; set; }
    public string Algorithm { get; set; } = "";
    public string Seed { get; set; } = "";
    public string Inputs { get; set; } = "{}";
    public string Result { get; set; } = "[]";
    public string Status { get; set; } = "drawn";
    public long? SupersedesId { get; set; }
    public long? SupersededById { get; set; }
    public string? RedrawReason { get; set; }
    public long? DrawnBy { get; set; }
    public DateTimeOffset DrawnAt { get; set; } = DateTimeOffset.UtcNow;
    public DateTimeOffset? PublishedAt { get; set; }
}

public sealed class InspectionResult
{
    public long Id { get; set; }
    public long DrawId { get; set; }
    public long AgencyId { get; set; }
    public string Outcome { get; set; } = "";
    public string Findings { get; set; } = "";
    public DateOnly InspectedOn { get; set; }
    public long? RecordedBy { get; set; }
    public DateTimeOffset RecordedAt { get; set; } = DateTimeOffset.UtcNow;
    public DateTimeOffset? PublishedAt { get; set; }
}

internal sealed class AgencyEntityConfiguration :
    IEntityTypeConfiguration<Agency>, IEntityTypeConfiguration<AgencyAnnualReport>, IEntityTypeConfiguration<AgencyChange>,
    IEntityTypeConfiguration<AgencyEvent>, IEntityTypeConfiguration<AgencyGradingRuleRow>, IEntityTypeConfiguration<AgencyGrading>,
    IEntityTypeConfiguration<AgencyGradingObjection>, IEntityTypeConfiguration<InspectionItem>, IEntityTypeConfiguration<Inspector>,
    IEntityTypeConfiguration<InspectorRelation>, IEntityTypeConfiguration<InspectionRuleRow>, IEntityTypeConfiguration<InspectionDraw>,
    IEntityTypeConfiguration<InspectionResult>
{
    public void Configure(EntityTypeBuilder<Agency> b) => b.ToTable("agencies");
    public void Configure(EntityTypeBuilder<AgencyAnnualReport> b) => b.ToTable("agency_annual_reports");
    public void Configure(EntityTypeBuilder<AgencyChange> b)
    {
        b.ToTable("agency_changes");
        b.Property(x => x.Changes).HasColumnType("jsonb");
        b.Property(x => x.Before).HasColumnType("jsonb");
    }
    public void Configure(EntityTypeBuilder<AgencyEvent> b) => b.ToTable("agency_events");
    public void Configure(EntityTypeBuilder<AgencyGradingRuleRow> b)
    {
        b.ToTable("agency_grading_rules");
        b.HasKey(x => x.Version);
        b.Property(x => x.Version).ValueGeneratedNever();
        b.Property(x => x.Items).HasColumnType("jsonb");
        b.Property(x => x.Thresholds).HasColumnType("jsonb");
    }
    public void Configure(EntityTypeBuilder<AgencyGrading> b) { b.ToTable("agency_gradings"); b.Property(x => x.Breakdown).HasColumnType("jsonb"); }
    public void Configure(EntityTypeBuilder<AgencyGradingObjection> b) => b.ToTable("agency_grading_objections");
    public void Configure(EntityTypeBuilder<InspectionItem> b) => b.ToTable("inspection_items");
    public void Configure(EntityTypeBuilder<Inspector> b) => b.ToTable("inspectors");
    public void Configure(EntityTypeBuilder<InspectorRelation> b) => b.ToTable("inspector_relations");
    public void Configure(EntityTypeBuilder<InspectionRuleRow> b)
    {
        b.ToTable("inspection_rules");
        b.HasKey(x => x.Version);
        b.Property(x => x.Version).ValueGeneratedNever();
        b.Property(x => x.Weights).HasColumnType("jsonb");
    }
    public void Configure(EntityTypeBuilder<InspectionDraw> b)
    {
        b.ToTable("inspection_draws");
        b.Property(x => x.Inputs).HasColumnType("jsonb");
        b.Property(x => x.Result).HasColumnType("jsonb");
    }
    public void Configure(EntityTypeBuilder<InspectionResult> b) => b.ToTable("inspection_results");
}
