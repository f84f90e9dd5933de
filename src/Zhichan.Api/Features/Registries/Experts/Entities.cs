using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Zhichan.Api.Features.Registries.Experts;

/// <summary>An expert of the pool (专家库). Linked to an account (role expert) when the expert maintains the profile.</summary>
public sealed class Expert
{
    public long Id { get; set; }
    public long? UserId { get; set; }
    public string Name { get; set; } = "";
    /// <summary>居民身份证号码: never written to the audit log in clear, masked in every list and export.</summary>
    [NotAudited] public string? IdNumber { get; set; }
    public string? Phone { get; set; }
    public string? Email { get; set; }
    public string? Title { get; set; }
    public string? Employer { get; set; }
    public string? Position { get; set; }
    public string? RegionCode { get; set; }
    public string[] Specialties { get; set; } = [];
    public string? Bio { get; set; }
    public bool IsActive { get; set; } = true;
    public bool IsInvestigator { get; set; }
    public DateOnly? AppointedOn { get; set; }
    public DateOnly? TermEndsOn { get; set; }
    public bool IsExample { get; set; }
    public string? Note { get; set; }
    public long? CreatedBy { get; set; }
    public DateTimeOffset CreatedAt { get; set; } = DateTimeOffset.UtcNow;
    public DateTimeOffset UpdatedAt { get; set; } = DateTimeOffset.UtcNow;
    public List<ExpertEmployment> Employments { get; set; } = [];
    public List<ExpertRelation> Relations { get; set; } = [];
}

/// <summary>工作经历: an employer of the expert, with the period.</summary>
public sealed class ExpertEmployment
{
    public long Id { get; set; }
    public long ExpertId { get; set; }
    public string Employer { get; set; } = "";
    public string? Position { get; set; }
    public DateOnly? FromOn { get; set; }
    public DateOnly? ToOn { get; set; }
}

/// <summary>A declared relation (利害关系申报): the avoidance check reads these.</summary>
public sealed class ExpertRelation
{
    public long Id { get; set; }
    public long ExpertId { get; set; }
    public string Kind { get; set; } = RelationKinds.Other;
    public string Party { get; set; } = "";
    public string? Detail { get; set; }
    public DateOnly? FromOn { get; set; }
    public DateOnly? ToOn { get; set; }
}

/// <summary>A document of an expert (聘书 …); the bytes are a row of stored_files.</summary>
public sealed class ExpertDocument
{
    public long Id { get; set; }
    public long ExpertId { get; set; }
    public long FileId { get; set; }
    public string Kind { get; set; } = "appointment";
    public DateOnly? IssuedOn { get; set; }
    public long? UploadedBy { get; set; }
    public DateTimeOffset UploadedAt { get; set; } = DateTimeOffset.UtcNow;
}

internal sealed class ExpertEntityConfigurations :
    IEntityTypeConfiguration<Expert>, IEntityTypeConfiguration<ExpertEmployment>, IEntityTypeConfiguration<ExpertRelation>, IEntityTypeConfiguration<ExpertDocument>
{
    public void Configure(EntityTypeBuilder<Expert> b)
    {
        b.ToTable("experts");
        b.HasMany(e => e.Employments).WithOne().HasForeignKey(x => x.ExpertId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(e => e.Relations).WithOne().HasForeignKey(x => x.ExpertId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<ExpertEmployment> b) => b.ToTable("expert_employments");
    public void Configure(EntityTypeBuilder<ExpertRelation> b) => b.ToTable("expert_relations");
    public void Configure(EntityTypeBuilder<ExpertDocument> b) => b.ToTable("expert_documents");
}
