using Zhichan.Api.Platform.Jobs;

namespace Zhichan.Api.Features.Analysis.Briefings;

/// <summary>分析预警 · 订阅与简报 (issue 24 §4, ADR 0054): weekly and monthly digests of watches, new filings, notices and calls, in the app and by e-mail.</summary>
public sealed class BriefingsModule : IFeatureModule
{
    public int Order => 122;

    public void AddServices(IServiceCollection services)
    {
        services.AddSingleton<BriefingComposer>();
        services.AddSingleton<BriefingSender>();
        services.AddSingleton<IJobHandler, BriefingJob>();
        services.AddSingleton(sp => new RecurringJob(BriefingJob.JobKind, TimeSpan.FromMinutes(sp.GetRequiredService<ZhichanOptions>().BriefingCheckMinutes)));
    }

    public void MapEndpoints(IEndpointRouteBuilder app)
    {
        var s = app.MapGroup("/api/analysis/subscriptions").WithTags("Analysis")
            .RequireAuthorization(p => p.RequireRole(Roles.Admin, Roles.Bureau, Roles.District, Roles.Enterprise));
        s.MapGet("/", ListSubscriptions.HandleAsync).WithName("ListSubscriptions").WithSummary("我的简报订阅（每周/每月：监控预警、行业新增专利、政策与公示、项目申报通知）");
        s.MapPost("/", CreateSubscription.HandleAsync).WithName("CreateSubscription").WithSummary("新建简报订阅（行业新增专利的条件按专利检索的检索式、行业、地区校验）");
        s.MapPut("/{id:long}", UpdateSubscription.HandleAsync).WithName("UpdateSubscription").WithSummary("修改订阅（内容、频率、邮件推送、暂停或恢复）");
        s.MapDelete("/{id:long}", DeleteSubscription.HandleAsync).WithName("DeleteSubscription").WithSummary("退订（已发送的简报保留在历史中）");
        s.MapGet("/{id:long}/preview", PreviewBriefing.HandleAsync).WithName("PreviewBriefing").WithSummary("预览本周/本月至今的简报（不保存、不发送）");
        s.MapPost("/{id:long}/send", SendBriefingNow.HandleAsync).WithName("SendBriefingNow").WithSummary("立即发送本周/本月至今的简报（记入历史，按订阅发邮件）");

        var b = app.MapGroup("/api/analysis/briefings").WithTags("Analysis")
            .RequireAuthorization(p => p.RequireRole(Roles.Admin, Roles.Bureau, Roles.District, Roles.Enterprise));
        b.MapGet("/", ListBriefings.HandleAsync).WithName("ListBriefings").WithSummary("我收到的简报（最新在前，含邮件发送状态）");
        b.MapGet("/{id:long}", GetBriefing.HandleAsync).WithName("GetBriefing").WithSummary("一期简报：各栏目内容及发送的邮件原文");
    }
}
