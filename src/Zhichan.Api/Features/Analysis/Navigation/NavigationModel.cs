using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Zhichan.Api.Features.Analysis.Navigation;

/// <summary>
/// A patent navigation project (专利导航, GB/T 39551-2020, ADR 0050): its kind (the standard's parts 2–6), the scope (a records
/// search expression, IPC, industries, application years), the region of interest and the comparison regions, and the draft
/// narrative of each report chapter. Enterprise projects belong to the enterprise's org unit.
/// </summary>
public sealed class NavigationProject
{
    public long Id { get; set; }
    public string Name { get; set; } = "";
    public string Kind { get; set; } = "";
    public string Q { get; set; } = "";
    public string[] Ipc { get; set; } = [];
    public string[] Industries { get; set; } = [];
    public int YearFrom { get; set; }
    public int YearTo { get; set; }
    /// <summary>Two digits a province, four a city, six a county (a prefix of the records' region codes).</summary>
    public string RegionPrefix { get; set; } = "";
    /// <summary>Prefixes like <see cref="RegionPrefix"/>; the empty string is the nation.</summary>
    public string[] Comparison { get; set; } = [];
    public long? OrgUnitId { get; set; }
    public long OwnerId { get; set; }
    public string OwnerName { get; set; } = "";
    /// <summary>JSON object: chapter key → draft narrative.</summary>
    public string Narratives { get; set; } = "{}";
    public DateTimeOffset CreatedAt { get; set; } = DateTimeOffset.UtcNow;
    public DateTimeOffset UpdatedAt { get; set; } = DateTimeOffset.UtcNow;
}

/// <summary>A published version of a project's report: the narratives and the data snapshot as shown at publication.</summary>
public sealed class NavigationVersion
{
    public long Id { get; set; }
    public long ProjectId { get; set; }
    public int Number { get; set; }
    public string PublishedBy { get; set; } = "";
    public DateTimeOffset PublishedAt { get; set; } = DateTimeOffset.UtcNow;
    public string Narratives { get; set; } = "{}";
    /// <summary>JSON <see cref="NavigationSnapshot"/>.</summary>
    public string Snapshot { get; set; } = "{}";
    /// <summary>When the bureau made this version public on the portal (null: not public; ADR 0060).</summary>
    public DateTimeOffset? PublicAt { get; set; }
    public string? PublicBy { get; set; }
}

internal sealed class NavigationConfigurations : IEntityTypeConfiguration<NavigationProject>, IEntityTypeConfiguration<NavigationVersion>
{
    public void Configure(EntityTypeBuilder<NavigationProject> b)
    {
        b.ToTable("navigation_projects");
        b.Property(p => p.Narratives).HasColumnType("jsonb");
    }

    public void Configure(EntityTypeBuilder<NavigationVersion> b)
    {
        b.ToTable("navigation_versions");
        b.Property(v => v.Narratives).HasColumnType("jsonb");
        b.Property(v => v.Snapshot).HasColumnType("jsonb");
    }
}

/// <summary>The kinds of navigation project: parts 2–6 of GB/T 39551-2020.</summary>
public static class NavigationKinds
{
    public const string Regional = "regional", Industry = "industry", Enterprise = "enterprise", Rnd = "rnd", Talent = "talent";

    public static readonly IReadOnlyDictionary<string, string> Names = new Dictionary<string, string>
    {
        [Regional] = "区域规划类", [Industry] = "产业规划类", [Enterprise] = "企业经营类", [Rnd] = "研发活动类", [Talent] = "人才管理类",
    };

    /// <summary>The part of GB/T 39551-2020 each kind follows.</summary>
    public static readonly IReadOnlyDictionary<string, int> Parts = new Dictionary<string, int>
    {
        [Regional] = 2, [Industry] = 3, [Enterprise] = 4, [Rnd] = 5, [Talent] = 6,
    };

    /// <summary>The kinds an enterprise may create for its own unit.</summary>
    public static readonly IReadOnlySet<string> EnterpriseKinds = new HashSet<string> { Enterprise, Rnd };
}
