using System.Text.Json;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Zhichan.Api.Features.Registries.Entities;

/// <summary>
/// A row of <c>entities</c> (migration 0002, extended by 0036): an innovation entity, or a redirect (<see cref="MergedInto"/>)
/// whose matching key resolves to another entity. The records importer inserts rows (one per applicant key); this module
/// edits them. Its id is the entity's persistent id (ADR 0022).
/// </summary>
public sealed class InnovationEntity
{
    public long Id { get; set; }
    public string MatchKey { get; set; } = "";
    public string Name { get; set; } = "";
    public string Kind { get; set; } = "other";
    public string? CreditCode { get; set; }
    public string? RegionCode { get; set; }
    public long? OrgUnitId { get; set; }
    public DateTimeOffset CreatedAt { get; set; } = DateTimeOffset.UtcNow;
    public bool Master { get; set; }
    public string? MasterSource { get; set; }
    public DateTimeOffset? MasterSince { get; set; }
    public long? MergedInto { get; set; }
    public string? NameKey { get; set; }
    public string? CreditCodeException { get; set; }
    public string? CreditCodeExceptionBy { get; set; }
    public DateTimeOffset? CreditCodeExceptionAt { get; set; }
    public string? IndustryCode { get; set; }
    public string? Scale { get; set; }
    public string? Address { get; set; }
    public string? Note { get; set; }
    public int RecordCount { get; set; }
    public DateTimeOffset UpdatedAt { get; set; } = DateTimeOffset.UtcNow;
}

/// <summary>A former name (曾用名, with dates) or an alias of an entity; its key resolves to the entity (a redirect row).</summary>
public sealed class EntityName
{
    public long Id { get; set; }
    public long EntityId { get; set; }
    public string Name { get; set; } = "";
    public string NameKey { get; set; } = "";
    public string Kind { get; set; } = EntityNameKinds.Alias;
    public DateOnly? ValidFrom { get; set; }
    public DateOnly? ValidTo { get; set; }
    public string? Source { get; set; }
    public long? MovedFrom { get; set; }
    public string? CreatedBy { get; set; }
    public DateTimeOffset CreatedAt { get; set; } = DateTimeOffset.UtcNow;
}

/// <summary>A label with its dates and source: 高新技术企业, 专精特新, 知识产权示范/优势企业, a 贯标 certificate.</summary>
public sealed class EntityLabel
{
    public long Id { get; set; }
    public long EntityId { get; set; }
    public string Kind { get; set; } = "";
    public string? Level { get; set; }
    public DateOnly ValidFrom { get; set; }
    public DateOnly? ValidTo { get; set; }
    public string? CertificateNumber { get; set; }
    public string? CertifyingBody { get; set; }
    public string Source { get; set; } = "";
    public string Origin { get; set; } = LabelOrigins.Bureau;
    public string? ProgrammeRef { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
    public string? RevokedReason { get; set; }
    public long? MovedFrom { get; set; }
    public string? CreatedBy { get; set; }
    public DateTimeOffset CreatedAt { get; set; } = DateTimeOffset.UtcNow;
    public DateTimeOffset UpdatedAt { get; set; } = DateTimeOffset.UtcNow;
}

/// <summary>A contact person of an entity (personal data: masked in views that do not need it).</summary>
public sealed class EntityContact
{
    public long Id { get; set; }
    public long EntityId { get; set; }
    public string Name { get; set; } = "";
    public string? Title { get; set; }
    public string? Phone { get; set; }
    public string? Email { get; set; }
    public string? Note { get; set; }
    public long? MovedFrom { get; set; }
    public DateTimeOffset CreatedAt { get; set; } = DateTimeOffset.UtcNow;
    public DateTimeOffset UpdatedAt { get; set; } = DateTimeOffset.UtcNow;
}

/// <summary>An enterprise's request: "these records are ours" (claim) or "this one is not" (disclaim), reviewed by the bureau.</summary>
public sealed class EntityCorrection
{
    public long Id { get; set; }
    public long EntityId { get; set; }
    public string Kind { get; set; } = CorrectionKinds.Claim;
    public JsonDocument Items { get; set; } = JsonDocument.Parse("[]");
    public string Reason { get; set; } = "";
    public string Status { get; set; } = CorrectionStatus.Pending;
    public long? OrgUnitId { get; set; }
    public long? RequestedBy { get; set; }
    public string RequestedByName { get; set; } = "";
    public DateTimeOffset RequestedAt { get; set; } = DateTimeOffset.UtcNow;
    public long? ReviewedBy { get; set; }
    public string? ReviewedByName { get; set; }
    public DateTimeOffset? ReviewedAt { get; set; }
    public string? ReviewNote { get; set; }
    public JsonDocument? Result { get; set; }
}

/// <summary>A line of an entity's history (its page shows them; merges, splits and links write them by SQL).</summary>
public sealed class EntityHistoryEntry
{
    public long Id { get; set; }
    public long EntityId { get; set; }
    public long? OtherEntityId { get; set; }
    public string Action { get; set; } = "";
    public string Summary { get; set; } = "";
    public JsonDocument? Detail { get; set; }
    public string ActorName { get; set; } = "";
    public DateTimeOffset At { get; set; } = DateTimeOffset.UtcNow;
}

internal sealed class EntityConfigurations :
    IEntityTypeConfiguration<InnovationEntity>, IEntityTypeConfiguration<EntityName>, IEntityTypeConfiguration<EntityLabel>,
    IEntityTypeConfiguration<EntityContact>, IEntityTypeConfiguration<EntityCorrection>, IEntityTypeConfiguration<EntityHistoryEntry>
{
    public void Configure(EntityTypeBuilder<EntityHistoryEntry> b)
    {
        b.ToTable("entity_history");
        b.Property(h => h.Detail).HasColumnType("jsonb");
    }


    public void Configure(EntityTypeBuilder<InnovationEntity> b) => b.ToTable("entities");
    public void Configure(EntityTypeBuilder<EntityName> b) => b.ToTable("entity_names");
    public void Configure(EntityTypeBuilder<EntityLabel> b) => b.ToTable("entity_labels");
    public void Configure(EntityTypeBuilder<EntityContact> b) => b.ToTable("entity_contacts");

    public void Configure(EntityTypeBuilder<EntityCorrection> b)
    {
        b.ToTable("entity_corrections");
        b.Property(c => c.Items).HasColumnType("jsonb");
        b.Property(c => c.Result).HasColumnType("jsonb");
    }
}
