using Zhichan.Api.Features.Analysis.Navigation;
using Zhichan.Api.Features.Plans.Assessments;

namespace Zhichan.Api.Features.Portal.Reports;

/// <summary>
/// 门户 · 公开报告 (issue 25 §1, ADR 0060): anonymous visitors list and read the navigation report versions and the assessment
/// results the bureau made public; the modules that own them render them (navigation: docx/pdf, assessments: html/pdf).
/// </summary>
public sealed class ReportsModule : IFeatureModule
{
    public int Order => 202;

    public void AddServices(IServiceCollection services) { }

    public void MapEndpoints(IEndpointRouteBuilder app)
    {
        var pub = app.MapGroup("/api/public/portal/reports").WithTags("Portal").AllowAnonymous().RequireRateLimiting(Platform.Security.RateLimits.Public);
        pub.MapGet("/", ListPublicReports.HandleAsync).WithName("ListPublicReports").WithSummary("门户：公开的报告（专利导航报告、年度考核结果），最近公开的在前");
        pub.MapGet("/navigation/{versionId:long}", DownloadPublicNavigationReport.HandleAsync).WithName("DownloadPublicNavigationReport")
            .WithSummary("门户：下载公开的专利导航报告（Word 或 PDF，即发布时冻结的版本）");
        pub.MapGet("/assessment/{schemeId:long}", GetPublicAssessmentReport.HandleAsync).WithName("GetPublicAssessmentReport")
            .WithSummary("门户：公开的年度考核结果（网页版或 PDF，各考核对象的得分、排名与评分依据）");
    }
}
