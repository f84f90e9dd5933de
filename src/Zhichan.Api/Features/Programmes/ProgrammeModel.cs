using System.Text.Json;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Zhichan.Api.Platform.Workflow;

namespace Zhichan.Api.Features.Programmes;

/// <summary>A programme type (programme_types, migration 0053): its definition is JSON of <see cref="ProgrammeDefinition"/>.</summary>
public sealed class ProgrammeType
{
    public long Id { get; set; }
    public string Code { get; set; } = "";
    public string Name { get; set; } = "";
    /// <summary>recognition, subsidy, award, training, project, grading.</summary>
    public string Category { get; set; } = "";
    /// <summary>Who applies: enterprise, unit, agency, person.</summary>
    public string Applicant { get; set; } = "";
    public string Definition { get; set; } = "{}";
    /// <summary>The texts the definition is taken from (seed plans, public rules), cited to users.</summary>
    public string[] Sources { get; set; } = [];
    public bool IsActive { get; set; } = true;
    public int Version { get; set; } = 1;
    public DateTimeOffset UpdatedAt { get; set; } = DateTimeOffset.UtcNow;

    public ProgrammeDefinition Parsed() => JsonSerializer.Deserialize<ProgrammeDefinition>(Definition, JsonSerializerOptions.Web) ?? new();
}

/// <summary>A call (批次) of a programme: the year, the windows of each stage, budget and quotas.</summary>
public sealed class ProgrammeCall
{
    public long Id { get; set; }
    public long TypeId { get; set; }
    public int Year { get; set; }
    public string Title { get; set; } = "";
    /// <summary>draft, open (announced on the portal), closed, cancelled.</summary>
    public string Status { get; set; } = "draft";
    public string RegionCode { get; set; } = "";
    public string? Announcement { get; set; }
    public decimal? Budget { get; set; }
    /// <summary>Quotas per outcome level for this call (JSON object level → count), overriding the definition's.</summary>
    public string Quotas { get; set; } = "{}";
    public DateOnly ApplyFrom { get; set; }
    public DateOnly ApplyTo { get; set; }
    public DateOnly? CheckTo { get; set; }
    public DateOnly? ReviewFrom { get; set; }
    public DateOnly? ReviewTo { get; set; }
    public DateOnly? PublicityFrom { get; set; }
    public DateOnly? PublicityTo { get; set; }
    public DateOnly? DecideBy { get; set; }
    public DateTimeOffset? PublishedAt { get; set; }
    public bool IsExample { get; set; }
    public long? CreatedBy { get; set; }
    public DateTimeOffset CreatedAt { get; set; } = DateTimeOffset.UtcNow;
    public DateTimeOffset UpdatedAt { get; set; } = DateTimeOffset.UtcNow;
}

/// <summary>An application to a call; its state follows <see cref="ApplicationStates.Machine"/>.</summary>
public sealed class ProgrammeApplication
{
    public long Id { get; set; }
    public long CallId { get; set; }
    public long? EntityId { get; set; }
    public long? OrgUnitId { get; set; }
    public string ApplicantName { get; set; } = "";
    public string? CreditCode { get; set; }
    public string? RegionCode { get; set; }
    public string Status { get; set; } = ApplicationStates.Draft;
    /// <summary>The form's values (JSON object field key → value) as the definition's fields describe them.</summary>
    public string Form { get; set; } = "{}";
    public string[] Declarations { get; set; } = [];
    /// <summary>The eligibility results at submission (JSON array), kept as evidence of what the applicant was shown.</summary>
    public string? Eligibility { get; set; }
    public decimal? AmountRequested { get; set; }
    public DateTimeOffset? SubmittedAt { get; set; }
    public string? CorrectionRequest { get; set; }
    public DateOnly? CorrectionDue { get; set; }
    public string? Recommendation { get; set; }
    public string? RecommendationNote { get; set; }
    public long? RecommendedBy { get; set; }
    public DateTimeOffset? RecommendedAt { get; set; }
    /// <summary>The panel's aggregated score (trimmed mean where the panel has ≥ 5 scores).</summary>
    public decimal? Score { get; set; }
    /// <summary>The score after a 会审 adjustment, with <see cref="AdjustReason"/>.</summary>
    public decimal? ScoreAdjusted { get; set; }
    public string? AdjustReason { get; set; }
    public bool DispersionFlag { get; set; }
    public int? Rank { get; set; }
    /// <summary>The outcome level (definition's Levels key) proposed or decided.</summary>
    public string? Level { get; set; }
    public decimal? AmountGranted { get; set; }
    public DateTimeOffset? DecidedAt { get; set; }
    public string? DecisionNote { get; set; }
    public DateOnly? ValidFrom { get; set; }
    public DateOnly? ValidTo { get; set; }
    public long? CreatedBy { get; set; }
    public DateTimeOffset CreatedAt { get; set; } = DateTimeOffset.UtcNow;
    public DateTimeOffset UpdatedAt { get; set; } = DateTimeOffset.UtcNow;
}

public sealed class ProgrammeApplicationEvent : WorkflowEvent
{
    public long ApplicationId { get; set; }
}

public sealed class ProgrammeApplicationFile
{
    public long FileId { get; set; }
    public long ApplicationId { get; set; }
    public string Kind { get; set; } = "";
    public long? UploadedBy { get; set; }
    public DateTimeOffset CreatedAt { get; set; } = DateTimeOffset.UtcNow;
}

/// <summary>An expert draw for a call (ADR 0041): criteria, seed, algorithm, the exact inputs and the result, kept when superseded.</summary>
public sealed class ProgrammeDraw
{
    public long Id { get; set; }
    public long CallId { get; set; }
    public string Status { get; set; } = "drawn";
    public string Criteria { get; set; } = "{}";
    public int PanelSize { get; set; }
    public int Reserves { get; set; }
    public string Algorithm { get; set; } = "";
    public string Seed { get; set; } = "";
    public string Inputs { get; set; } = "{}";
    public string Result { get; set; } = "{}";
    public string? Reason { get; set; }
    public long? SupersededBy { get; set; }
    public DateTimeOffset? PublishedAt { get; set; }
    public long? DrawnBy { get; set; }
    public DateTimeOffset DrawnAt { get; set; } = DateTimeOffset.UtcNow;
}

/// <summary>A drawn expert: member or reserve (候补) in draw order; declined or conflicted members are replaced from the reserves in order.</summary>
public sealed class ProgrammePanelMember
{
    public long Id { get; set; }
    public long DrawId { get; set; }
    public long ExpertId { get; set; }
    public int Position { get; set; }
    /// <summary>member, reserve.</summary>
    public string Role { get; set; } = "member";
    /// <summary>active (on the panel), waiting (a reserve not called), declined, conflict, replaced.</summary>
    public string Status { get; set; } = "active";
    public long? Replaces { get; set; }
    public string? Note { get; set; }
    public DateTimeOffset UpdatedAt { get; set; } = DateTimeOffset.UtcNow;
}

public sealed class ProgrammeDrawEvent : WorkflowEvent
{
    public long DrawId { get; set; }
}

/// <summary>One expert's scores of one application against the sheet (JSON object criterion key → score).</summary>
public sealed class ProgrammeScore
{
    public long Id { get; set; }
    public long ApplicationId { get; set; }
    public long MemberId { get; set; }
    public string Scores { get; set; } = "{}";
    public decimal? Total { get; set; }
    public string? Comment { get; set; }
    public DateTimeOffset? SubmittedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; } = DateTimeOffset.UtcNow;
}

/// <summary>An objection (异议) to a publicised list, with the objector's contact details (personal data, masked).</summary>
public sealed class ProgrammeObjection
{
    public long Id { get; set; }
    public long CallId { get; set; }
    public long? ApplicationId { get; set; }
    public string Name { get; set; } = "";
    public string? Phone { get; set; }
    public string? Email { get; set; }
    public string Content { get; set; } = "";
    public string Status { get; set; } = "received";
    public bool? Upheld { get; set; }
    public string? Answer { get; set; }
    public long? AnsweredBy { get; set; }
    public DateTimeOffset? AnsweredAt { get; set; }
    public DateTimeOffset CreatedAt { get; set; } = DateTimeOffset.UtcNow;
}

public sealed class ProgrammePayment
{
    public long Id { get; set; }
    public long ApplicationId { get; set; }
    public decimal Amount { get; set; }
    public DateOnly? PaidOn { get; set; }
    /// <summary>planned, paid, returned.</summary>
    public string Status { get; set; } = "planned";
    public string? Reference { get; set; }
    public string? Note { get; set; }
    public long? CreatedBy { get; set; }
    public DateTimeOffset CreatedAt { get; set; } = DateTimeOffset.UtcNow;
    public DateTimeOffset UpdatedAt { get; set; } = DateTimeOffset.UtcNow;
}

internal sealed class ProgrammeConfigurations :
    IEntityTypeConfiguration<ProgrammeType>, IEntityTypeConfiguration<ProgrammeCall>, IEntityTypeConfiguration<ProgrammeApplication>,
    IEntityTypeConfiguration<ProgrammeApplicationEvent>, IEntityTypeConfiguration<ProgrammeApplicationFile>, IEntityTypeConfiguration<ProgrammeDraw>,
    IEntityTypeConfiguration<ProgrammePanelMember>, IEntityTypeConfiguration<ProgrammeDrawEvent>, IEntityTypeConfiguration<ProgrammeScore>,
    IEntityTypeConfiguration<ProgrammeObjection>, IEntityTypeConfiguration<ProgrammePayment>
{
    public void Configure(EntityTypeBuilder<ProgrammeType> b)
    {
        b.ToTable("programme_types");
        b.Property(x => x.Definition).HasColumnType("jsonb");
    }

    public void Configure(EntityTypeBuilder<ProgrammeCall> b)
    {
        b.ToTable("programme_calls");
        b.Property(x => x.Quotas).HasColumnType("jsonb");
    }

    public void Configure(EntityTypeBuilder<ProgrammeApplication> b)
    {
        b.ToTable("programme_applications");
        b.Property(x => x.Form).HasColumnType("jsonb");
        b.Property(x => x.Eligibility).HasColumnType("jsonb");
    }

    public void Configure(EntityTypeBuilder<ProgrammeApplicationEvent> b) => b.MapWorkflowEvent("programme_application_events");

    public void Configure(EntityTypeBuilder<ProgrammeApplicationFile> b)
    {
        b.ToTable("programme_application_files");
        b.HasKey(x => x.FileId);
        b.Property(x => x.FileId).ValueGeneratedNever();
    }

    public void Configure(EntityTypeBuilder<ProgrammeDraw> b)
    {
        b.ToTable("programme_draws");
        b.Property(x => x.Criteria).HasColumnType("jsonb");
        b.Property(x => x.Inputs).HasColumnType("jsonb");
        b.Property(x => x.Result).HasColumnType("jsonb");
    }

    public void Configure(EntityTypeBuilder<ProgrammePanelMember> b) => b.ToTable("programme_panel_members");
    public void Configure(EntityTypeBuilder<ProgrammeDrawEvent> b) => b.MapWorkflowEvent("programme_draw_events");

    public void Configure(EntityTypeBuilder<ProgrammeScore> b)
    {
        b.ToTable("programme_scores");
        b.Property(x => x.Scores).HasColumnType("jsonb");
    }

    public void Configure(EntityTypeBuilder<ProgrammeObjection> b) => b.ToTable("programme_objections");
    public void Configure(EntityTypeBuilder<ProgrammePayment> b) => b.ToTable("programme_payments");
}
