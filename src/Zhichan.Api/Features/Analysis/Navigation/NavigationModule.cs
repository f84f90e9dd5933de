namespace Zhichan.Api.Features.Analysis.Navigation;

/// <summary>分析预警 · 专利导航 (issue 24 §1, GB/T 39551-2020): navigation projects, their analyses, report versions and exports.</summary>
public sealed class NavigationModule : IFeatureModule
{
    public int Order => 121;

    public void AddServices(IServiceCollection services) => services.AddSingleton<NavigationCharts>();

    /// <summary>Who writes projects: staff, and enterprise users for their own unit (districts read their region's).</summary>
    private static void Editors(Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder p) => p.RequireRole(Roles.Admin, Roles.Bureau, Roles.Enterprise);

    public void MapEndpoints(IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/analysis/navigation").WithTags("Analysis")
            .RequireAuthorization(p => p.RequireRole(Roles.Admin, Roles.Bureau, Roles.District, Roles.Enterprise));
        g.MapGet("/", ListNavigationProjects.HandleAsync).WithName("ListNavigationProjects").WithSummary("专利导航项目（创新主体：本单位的；县区：本地区的；知识产权局：全部）");
        g.MapPost("/", CreateNavigationProject.HandleAsync).WithName("CreateNavigationProject").RequireAuthorization(Editors)
            .WithSummary("新建专利导航项目：类型（GB/T 39551 第 2–6 部分）、检索式、IPC、行业、年份、关注地区与对比地区（创新主体仅企业经营类、研发活动类）");
        g.MapGet("/{id:long}", GetNavigationProject.HandleAsync).WithName("GetNavigationProject").WithSummary("导航项目详情");
        g.MapPut("/{id:long}", UpdateNavigationProject.HandleAsync).WithName("UpdateNavigationProject").RequireAuthorization(Editors).WithSummary("修改导航项目的名称、类型与范围（已发布版本不变）");
        g.MapGet("/{id:long}/report", GetNavigationReport.HandleAsync).WithName("GetNavigationReport")
            .WithSummary("导航报告：各章的分析（图表与数据表）和正文；不指定版本为草稿（当前数据），指定版本为该版发布时的内容");
        g.MapPut("/{id:long}/narratives", SaveNavigationNarratives.HandleAsync).WithName("SaveNavigationNarratives").RequireAuthorization(Editors).WithSummary("保存草稿各章正文");
        g.MapGet("/{id:long}/versions", ListNavigationVersions.HandleAsync).WithName("ListNavigationVersions").WithSummary("已发布的报告版本（最新在前）");
        g.MapPost("/{id:long}/versions", PublishNavigationVersion.HandleAsync).WithName("PublishNavigationVersion").RequireAuthorization(Editors)
            .WithSummary("发布新版本：冻结正文与数据快照（检索式、数量、各项分析、数据日期）");
        g.MapPut("/{id:long}/versions/{number:int}/public", SetNavigationVersionPublic.HandleAsync).WithName("SetNavigationVersionPublic")
            .RequireAuthorization(Policies.Staff).WithSummary("将已发布的版本向社会公开（门户“公开报告”）或撤回公开（仅知识产权局；创新主体自己的项目除外）");
        g.MapGet("/{id:long}/export", ExportNavigationReport.HandleAsync).WithName("ExportNavigationReport")
            .WithSummary("导出报告：Word（docx，含图表图片）或 PDF；默认为草稿，可指定版本");
    }
}
