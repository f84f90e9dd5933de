using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Zhichan.Api.Features.Portal.Content;

/// <summary>A news item (新闻动态), policy document (政策文件) or page (联系我们, 网站声明) of the portal; its HTML is sanitised before it is stored.</summary>
public sealed class PortalContent
{
    public long Id { get; set; }
    public string Kind { get; set; } = ContentKinds.News;
    public string? Slug { get; set; }
    public string Title { get; set; } = "";
    public string? Summary { get; set; }
    public string BodyHtml { get; set; } = "";
    public string? Issuer { get; set; }
    public string? DocNumber { get; set; }
    public string Status { get; set; } = ContentStatuses.Draft;
    public DateTimeOffset? PublishedAt { get; set; }
    public long? CreatedBy { get; set; }
    public DateTimeOffset CreatedAt { get; set; } = DateTimeOffset.UtcNow;
    public long? UpdatedBy { get; set; }
    public DateTimeOffset UpdatedAt { get; set; } = DateTimeOffset.UtcNow;
}

public static class ContentKinds
{
    public const string News = "news", Policy = "policy", Page = "page";
    public static readonly IReadOnlyDictionary<string, string> Names = new Dictionary<string, string> { [News] = "新闻动态", [Policy] = "政策文件", [Page] = "页面" };
}

public static class ContentStatuses
{
    public const string Draft = "draft", Published = "published";
    public static readonly IReadOnlyDictionary<string, string> Names = new Dictionary<string, string> { [Draft] = "草稿", [Published] = "已发布" };
}

public sealed class PortalContentConfiguration : IEntityTypeConfiguration<PortalContent>
{
    public void Configure(EntityTypeBuilder<PortalContent> b) => b.ToTable("portal_content");
}
