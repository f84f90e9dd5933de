using System.Text.RegularExpressions;
using Ganss.Xss;

namespace Zhichan.Api.Features.Portal.Content;

/// <summary>The mapping to DTOs, the input check and the HTML allow-list (ADR 0058) the content use cases share.</summary>
public static partial class ContentQueries
{
    public const int MaxTitle = 200, MaxSummary = 500, MaxBody = 200_000;

    /// <summary>
    /// What the rich-text editor produces and nothing else: paragraphs, headings h2–h4, emphasis, lists, quotes, code, links
    /// (http, https, mailto) and simple tables. No scripts, no event handlers, no styles or classes, no images or frames.
    /// </summary>
    private static readonly HtmlSanitizerOptions Allowed = new()
    {
        AllowedTags = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "p", "br", "hr", "h2", "h3", "h4", "strong", "b", "em", "i", "u", "s", "ul", "ol", "li", "blockquote", "code", "pre", "a",
            "table", "thead", "tbody", "tr", "th", "td",
        },
        AllowedAttributes = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "href", "title", "colspan", "rowspan" },
        AllowedSchemes = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "http", "https", "mailto" },
        UriAttributes = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "href" },
        AllowedCssProperties = new HashSet<string>(),
        AllowedAtRules = new HashSet<AngleSharp.Css.Dom.CssRuleType>(),
        AllowedClasses = new HashSet<string>(),
    };

    public static string Sanitize(string? html)
    {
        var sanitizer = new HtmlSanitizer(Allowed);
        // a link to another site opens without giving it this page as its opener
        sanitizer.PostProcessNode += (_, e) =>
        {
            if (e.Node is AngleSharp.Dom.IElement { TagName: "A" } a && a.GetAttribute("href") is { } href && href.StartsWith("http", StringComparison.OrdinalIgnoreCase))
                a.SetAttribute("rel", "noopener noreferrer");
        };
        return sanitizer.Sanitize(html ?? "").Trim();
    }

    [GeneratedRegex("^[a-z0-9-]{1,60}$")]
    private static partial Regex SlugPattern();

    /// <summary>Checks an input and writes it onto the item (body sanitised).</summary>
    public static void Apply(PortalContent c, ContentInput input, bool kindFixed)
    {
        var v = new Validation();
        if (!kindFixed)
        {
            v.Required("kind", input.Kind, "类别");
            v.OneOf("kind", input.Kind, ContentKinds.Names.Keys, "类别");
        }
        v.Required("title", input.Title, "标题").MaxLength("title", input.Title, MaxTitle, "标题").PlainText("title", input.Title, "标题");
        v.MaxLength("summary", input.Summary, MaxSummary, "摘要").PlainText("summary", input.Summary, "摘要");
        v.MaxLength("bodyHtml", input.BodyHtml, MaxBody, "正文");
        v.MaxLength("issuer", input.Issuer, 200, "发文机关").PlainText("issuer", input.Issuer, "发文机关");
        v.MaxLength("docNumber", input.DocNumber, 100, "文号").PlainText("docNumber", input.DocNumber, "文号");
        var slug = string.IsNullOrWhiteSpace(input.Slug) ? null : input.Slug.Trim();
        if (slug is not null && !SlugPattern().IsMatch(slug)) v.Add("slug", "页面地址应为 1 至 60 个小写字母、数字或连字符，如 contact");
        var kind = kindFixed ? c.Kind : input.Kind;
        if (kind == ContentKinds.Page && slug is null) v.Add("slug", "页面须填写页面地址（如 contact）");
        v.ThrowIfInvalid();
        if (!kindFixed) c.Kind = kind!;
        c.Slug = kind == ContentKinds.Page ? slug : null;
        c.Title = input.Title!.Trim();
        c.Summary = Blank(input.Summary);
        c.BodyHtml = Sanitize(input.BodyHtml);
        c.Issuer = kind == ContentKinds.Policy ? Blank(input.Issuer) : null;
        c.DocNumber = kind == ContentKinds.Policy ? Blank(input.DocNumber) : null;
    }

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    public static ContentSummaryDto Summary(PortalContent c) => new(c.Id, c.Kind, ContentKinds.Names[c.Kind], c.Slug, c.Title, c.Summary, c.Issuer, c.DocNumber,
        c.Status, ContentStatuses.Names[c.Status], c.PublishedAt, c.UpdatedAt);

    public static ContentDto Full(PortalContent c) => new(c.Id, c.Kind, ContentKinds.Names[c.Kind], c.Slug, c.Title, c.Summary, c.BodyHtml, c.Issuer,
        c.DocNumber, c.Status, ContentStatuses.Names[c.Status], c.PublishedAt, c.CreatedAt, c.UpdatedAt);

    public static async Task<PortalContent> FindAsync(ZhichanDb db, long id, CancellationToken ct) =>
        await db.Set<PortalContent>().FirstOrDefaultAsync(c => c.Id == id, ct) ?? throw new DomainException("内容不存在", 404);

    /// <summary>A page's address is unique: a second 联系我们 is refused with the field named.</summary>
    public static async Task CheckSlugAsync(ZhichanDb db, PortalContent c, CancellationToken ct)
    {
        if (c.Slug is { } slug && await db.Set<PortalContent>().AnyAsync(x => x.Slug == slug && x.Id != c.Id, ct))
            throw new RequestValidationException("slug", $"页面地址“{slug}”已被其他页面使用");
    }
}
