namespace Zhichan.Api.Features.Portal.Content;

/// <summary>门户 · 内容: news, policy documents and pages the bureau edits and publishes (ADR 0058); anonymous visitors read what is published.</summary>
public sealed class ContentModule : IFeatureModule
{
    public int Order => 201;

    public void AddServices(IServiceCollection services) { }

    public void MapEndpoints(IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/portal/content").WithTags("Portal").RequireAuthorization(Policies.Staff);
        g.MapGet("/", ListPortalContent.HandleAsync).WithName("ListPortalContent").WithSummary("门户管理：新闻、政策文件与页面（含草稿），按类别与状态筛选");
        g.MapGet("/{id:long}", GetPortalContent.HandleAsync).WithName("GetPortalContent").WithSummary("门户管理：一条内容（编辑用，含草稿）");
        g.MapPost("/", CreatePortalContent.HandleAsync).WithName("CreatePortalContent").WithSummary("门户管理：新建内容（保存为草稿，正文经服务器净化）");
        g.MapPut("/{id:long}", UpdatePortalContent.HandleAsync).WithName("UpdatePortalContent").WithSummary("门户管理：修改内容（正文经服务器净化）");
        g.MapPost("/{id:long}/publish", PublishPortalContent.HandleAsync).WithName("PublishPortalContent").WithSummary("门户管理：发布内容（公众可见）");
        g.MapPost("/{id:long}/unpublish", UnpublishPortalContent.HandleAsync).WithName("UnpublishPortalContent").WithSummary("门户管理：撤回已发布的内容（恢复为草稿）");
        g.MapDelete("/{id:long}", DeletePortalContent.HandleAsync).WithName("DeletePortalContent").WithSummary("门户管理：删除草稿");

        var pub = app.MapGroup("/api/public/portal").WithTags("Portal").AllowAnonymous();
        pub.MapGet("/content", ListPublishedContent.HandleAsync).WithName("ListPublishedContent").WithSummary("门户：已发布的新闻动态、政策文件或页面")
            .RequireRateLimiting(Platform.Security.RateLimits.Public);
        pub.MapGet("/content/{id:long}", GetPublishedContent.HandleAsync).WithName("GetPublishedContent").WithSummary("门户：一条已发布的内容")
            .RequireRateLimiting(Platform.Security.RateLimits.Public);
        pub.MapGet("/pages/{slug}", GetPublishedPage.HandleAsync).WithName("GetPublishedPage").WithSummary("门户：按页面地址读取已发布的页面（如联系我们、网站声明）")
            .RequireRateLimiting(Platform.Security.RateLimits.Public);
    }
}
