namespace Zhichan.Api.Features.Portal.Site;

/// <summary>门户 · 站点: the public home in one request, the statistics page and the site settings of the header and footer (ADR 0057, 0059).</summary>
public sealed class SiteModule : IFeatureModule
{
    public int Order => 200;

    public void AddServices(IServiceCollection services) => services.AddSingleton<PortalHomeCache>();

    public void MapEndpoints(IEndpointRouteBuilder app)
    {
        var pub = app.MapGroup("/api/public/portal").WithTags("Portal").AllowAnonymous();
        pub.MapGet("/home", GetPortalHome.HandleAsync).WithName("GetPortalHome")
            .WithSummary("门户首页（一次请求）：本辖区主要指标及趋势与来源、规划目标与公开的完成情况、新闻动态、政策文件、申报通知与公示")
            .RequireRateLimiting(Platform.Security.RateLimits.Public);
        pub.MapGet("/site", GetSiteSettings.HandleAsync).WithName("GetSiteSettings").WithSummary("门户站点信息：网站名称、主办单位、承办单位、备案号与联系方式（未设置的为空）")
            .RequireRateLimiting(Platform.Security.RateLimits.Public);
        pub.MapGet("/statistics", GetPortalStatistics.HandleAsync).WithName("GetPortalStatistics").WithSummary("门户统计数据：本辖区及各县区主要指标的公开数值（按年）")
            .RequireRateLimiting(Platform.Security.RateLimits.Public);

        app.MapPut("/api/portal/site", UpdateSiteSettings.HandleAsync).WithTags("Portal").RequireAuthorization(Policies.Admin)
            .WithName("UpdateSiteSettings").WithSummary("门户管理：站点设置（网站名称、主办单位、承办单位、备案号、联系方式；仅系统管理员）");
    }
}
