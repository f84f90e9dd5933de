using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Zhichan.Api.Features.Registries.Talent;

/// <summary>A person of the talent registry (知识产权总监, 知识产权工程师, 专利代理师, 高层次人才 …) with unit and region.</summary>
public sealed class TalentPerson
{
    public long Id { get; set; }
    public string Name { get; set; } = "";
    public string Category { get; set; } = TalentCategories.IpDirector;
    public string UnitName { get; set; } = "";
    public long? OrgUnitId { get; set; }
    public string RegionCode { get; set; } = "";
    public string? Qualification { get; set; }
    public string? CertificateNumber { get; set; }
    public DateOnly? QualifiedOn { get; set; }
    public DateOnly? ValidUntil { get; set; }
    public DateOnly? LeftOn { get; set; }
    public bool IsExample { get; set; }
    public string? Note { get; set; }
    public long? CreatedBy { get; set; }
    public DateTimeOffset CreatedAt { get; set; } = DateTimeOffset.UtcNow;
    public DateTimeOffset UpdatedAt { get; set; } = DateTimeOffset.UtcNow;
}

public static class TalentCategories
{
    public const string IpDirector = "ip_director", IpEngineer = "ip_engineer", PatentAttorney = "patent_attorney", HighLevel = "high_level", Other = "other";

    public static readonly IReadOnlyDictionary<string, string> Labels = new Dictionary<string, string>
    {
        [IpDirector] = "知识产权总监", [IpEngineer] = "知识产权工程师", [PatentAttorney] = "专利代理师", [HighLevel] = "高层次人才", [Other] = "其他知识产权人才",
    };
}

internal sealed class TalentEntityConfiguration : IEntityTypeConfiguration<TalentPerson>
{
    public void Configure(EntityTypeBuilder<TalentPerson> b) => b.ToTable("talents");
}
