using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Zhichan.Api.Features.Protection;

/// <summary>A complaint, report or assistance request; the same row is the case as it moves through the workflow.</summary>
public sealed class Complaint
{
    public long Id { get; set; }
    public string ReceiptNumber { get; set; } = "";
    [NotAudited] public string CodeHash { get; set; } = "";
    public string Type { get; set; } = "";
    public string Channel { get; set; } = "online";
    public string Status { get; set; } = CaseStatus.Registered;
    public string? StatusBeforeSuspension { get; set; }
    public bool FastTrack { get; set; }
    public string[] FastTrackReasons { get; set; } = [];
    public string ComplainantKind { get; set; } = "person";
    public string ComplainantName { get; set; } = "";
    public string? ComplainantIdNumber { get; set; }
    public string ComplainantPhone { get; set; } = "";
    public string? ComplainantEmail { get; set; }
    public string? ComplainantAddress { get; set; }
    public long? ComplainantOrgUnitId { get; set; }
    public long? SubmittedBy { get; set; }
    public string? RightType { get; set; }
    public string? RightNumber { get; set; }
    public string? RightCanonical { get; set; }
    public long? RightRecordId { get; set; }
    public string? RightTitle { get; set; }
    public string? RightStatus { get; set; }
    public string? RightOwner { get; set; }
    public string RespondentName { get; set; } = "";
    public string? RespondentAddress { get; set; }
    public string? RespondentPlatform { get; set; }
    public string? RespondentUrl { get; set; }
    public string Facts { get; set; } = "";
    public string? Industry { get; set; }
    public string? RegionCode { get; set; }
    public long? HandlingUnitId { get; set; }
    public long? ReferredFromUnitId { get; set; }
    public long? MergedIntoId { get; set; }
    public long? PossibleDuplicateOf { get; set; }
    public string DedupeKey { get; set; } = "";
    public DateOnly ReceivedOn { get; set; }
    public DateOnly AcceptDue { get; set; }
    public DateOnly? AcceptedOn { get; set; }
    public DateOnly? FiledOn { get; set; }
    public DateOnly? DecisionDue { get; set; }
    public bool Extended { get; set; }
    public string? ExtensionReason { get; set; }
    public string? ExtensionApprovedBy { get; set; }
    public string? RejectReason { get; set; }
    public string? Decision { get; set; }
    public string? Outcome { get; set; }
    public DateOnly? ClosedOn { get; set; }
    public int? Satisfaction { get; set; }
    public string? SatisfactionComment { get; set; }
    public DateTimeOffset? SatisfactionAt { get; set; }
    public DateTimeOffset? OverdueAlertedAt { get; set; }
    public DateTimeOffset CreatedAt { get; set; } = DateTimeOffset.UtcNow;
    public DateTimeOffset UpdatedAt { get; set; } = DateTimeOffset.UtcNow;
}

public sealed class ComplaintFile
{
    public long Id { get; set; }
    public long ComplaintId { get; set; }
    public string FileName { get; set; } = "";
    public string ContentType { get; set; } = "";
    public long SizeBytes { get; set; }
    public string Sha256 { get; set; } = "";
    [NotAudited] public byte[] Content { get; set; } = [];
    public string Kind { get; set; } = "evidence";
    /// <summary><see cref="FileVisibility.Internal"/> (the handling authorities only) or <see cref="FileVisibility.Shared"/> (also the parties); ADR 0210.</summary>
    public string Visibility { get; set; } = FileVisibility.Internal;
    public long? UploadedBy { get; set; }
    public DateTimeOffset UploadedAt { get; set; } = DateTimeOffset.UtcNow;
}

/// <summary>Who may see a case document (ADR 0210).</summary>
public static class FileVisibility
{
    /// <summary>The handling authorities only (staff, the district handling the case): investigation notes, drafts, internal decisions.</summary>
    public const string Internal = "internal";
    /// <summary>Also the parties and read-only participants who see the case: the complainant's own evidence, documents served on the parties.</summary>
    public const string Shared = "shared";
    public static readonly IReadOnlyDictionary<string, string> Labels = new Dictionary<string, string> { [Internal] = "仅内部", [Shared] = "当事人可见" };
}

public sealed class ComplaintEvent
{
    public long Id { get; set; }
    public long ComplaintId { get; set; }
    public DateTimeOffset At { get; set; } = DateTimeOffset.UtcNow;
    public long? ActorId { get; set; }
    public string ActorName { get; set; } = "";
    public string Action { get; set; } = "";
    public string? FromStatus { get; set; }
    public string? ToStatus { get; set; }
    public string? Note { get; set; }
    public bool IsPublic { get; set; }
}

public sealed class Mediation
{
    public long Id { get; set; }
    public long ComplaintId { get; set; }
    public DateOnly HeldOn { get; set; }
    public string Mediator { get; set; } = "";
    public string? Participants { get; set; }
    public string Result { get; set; } = "";
    public string? Agreement { get; set; }
    public bool JudicialConfirmation { get; set; }
    public long? CourtUnitId { get; set; }
    public string? CourtName { get; set; }
    public DateOnly? ConfirmationAppliedOn { get; set; }
    public string? Ruling { get; set; }
    public DateOnly? RulingOn { get; set; }
    public string? RulingDocumentNumber { get; set; }
    public string? RulingNote { get; set; }
    public long? RulingRecordedBy { get; set; }
    public long? CreatedBy { get; set; }
    public DateTimeOffset CreatedAt { get; set; } = DateTimeOffset.UtcNow;
}

public sealed class Investigator
{
    public long Id { get; set; }
    public long ComplaintId { get; set; }
    /// <summary>The expert of the pool (专家库) appointed (ADR 0026).</summary>
    public long? ExpertId { get; set; }
    /// <summary>The expert's account at the time of the appointment, if any: it sees the case.</summary>
    public long? UserId { get; set; }
    public string Name { get; set; } = "";
    public string ConflictCheckedNote { get; set; } = "";
    public DateTimeOffset AssignedAt { get; set; } = DateTimeOffset.UtcNow;
}

public sealed class Referral
{
    public long Id { get; set; }
    public long ComplaintId { get; set; }
    public long ToUnitId { get; set; }
    public string Reason { get; set; } = "";
    public DateOnly SentOn { get; set; }
    public DateOnly ReplyDue { get; set; }
    public DateOnly? RepliedOn { get; set; }
    public string? Reply { get; set; }
    public string? ReplyResult { get; set; }
    public long? CreatedBy { get; set; }
    public DateTimeOffset CreatedAt { get; set; } = DateTimeOffset.UtcNow;
}

public sealed class Disclosure
{
    public long Id { get; set; }
    public long? ComplaintId { get; set; }
    public string Kind { get; set; } = "penalty_decision";
    public string? DecisionNumber { get; set; }
    public string Title { get; set; } = "";
    public string OriginalText { get; set; } = "";
    public string MaskedText { get; set; } = "";
    public string[] MaskedNames { get; set; } = [];
    public string? Summary { get; set; }
    public string? MaskedSummary { get; set; }
    public long? SourceFileId { get; set; }
    public DateTimeOffset? PublishedAt { get; set; }
    public DateTimeOffset? WithdrawnAt { get; set; }
    public long? CreatedBy { get; set; }
    public DateTimeOffset CreatedAt { get; set; } = DateTimeOffset.UtcNow;
}

public sealed class CreditListing
{
    public long Id { get; set; }
    public long? ComplaintId { get; set; }
    public string SubjectName { get; set; } = "";
    public string SubjectKind { get; set; } = "organisation";
    public string? CreditCode { get; set; }
    public string DecisionNumber { get; set; } = "";
    public string Reason { get; set; } = "";
    public string Status { get; set; } = "listed";
    public DateOnly ListedOn { get; set; }
    public DateOnly ExpiresOn { get; set; }
    public DateTimeOffset? PublishedAt { get; set; }
    public string? RepairReason { get; set; }
    public DateTimeOffset? RepairRequestedAt { get; set; }
    public string? ReviewNote { get; set; }
    public DateTimeOffset? ReviewedAt { get; set; }
    public DateOnly? RemovedOn { get; set; }
    public long? CreatedBy { get; set; }
    public DateTimeOffset CreatedAt { get; set; } = DateTimeOffset.UtcNow;
}

public sealed class ProtectionListEntry
{
    public long Id { get; set; }
    public string Kind { get; set; } = "entity";
    public string Name { get; set; } = "";
    public string? CreditCode { get; set; }
    public string? ApplicationNumber { get; set; }
    public string? Industry { get; set; }
    public string? RegionCode { get; set; }
    public string? Note { get; set; }
    public bool IsActive { get; set; } = true;
    public DateTimeOffset CreatedAt { get; set; } = DateTimeOffset.UtcNow;
}

public sealed class ProtectionSetting
{
    public string Key { get; set; } = "";
    public System.Text.Json.JsonDocument Value { get; set; } = System.Text.Json.JsonDocument.Parse("{}");
    public DateTimeOffset UpdatedAt { get; set; } = DateTimeOffset.UtcNow;
}

internal sealed class ProtectionEntityConfigurations :
    IEntityTypeConfiguration<Complaint>, IEntityTypeConfiguration<ComplaintFile>, IEntityTypeConfiguration<ComplaintEvent>,
    IEntityTypeConfiguration<Mediation>, IEntityTypeConfiguration<Investigator>, IEntityTypeConfiguration<Referral>,
    IEntityTypeConfiguration<Disclosure>, IEntityTypeConfiguration<CreditListing>, IEntityTypeConfiguration<ProtectionListEntry>,
    IEntityTypeConfiguration<ProtectionSetting>
{
    public void Configure(EntityTypeBuilder<Complaint> b) => b.ToTable("complaints");
    public void Configure(EntityTypeBuilder<ComplaintFile> b) => b.ToTable("complaint_files");
    public void Configure(EntityTypeBuilder<ComplaintEvent> b) => b.ToTable("complaint_events");
    public void Configure(EntityTypeBuilder<Mediation> b) => b.ToTable("complaint_mediations");
    public void Configure(EntityTypeBuilder<Investigator> b) => b.ToTable("complaint_investigators");
    public void Configure(EntityTypeBuilder<Referral> b) => b.ToTable("complaint_referrals");
    public void Configure(EntityTypeBuilder<Disclosure> b) => b.ToTable("protection_disclosures");
    public void Configure(EntityTypeBuilder<CreditListing> b) => b.ToTable("credit_listings");
    public void Configure(EntityTypeBuilder<ProtectionListEntry> b) => b.ToTable("protection_list");
    public void Configure(EntityTypeBuilder<ProtectionSetting> b) { b.ToTable("protection_settings"); b.HasKey(s => s.Key); b.Property(s => s.Value).HasColumnType("jsonb"); }
}
