using Zhichan.Api.Platform.Jobs;

namespace Zhichan.Api.Features.Analysis.Watches;

/// <summary>分析预警 · 监控预警 (issue 24 §3): watches on searches, patents, entities and regional indicators, their alerts, the 非正常申请 screening.</summary>
public sealed class WatchesModule : IFeatureModule
{
    public int Order => 120;

    public void AddServices(IServiceCollection services)
    {
        services.AddSingleton<WatchEvaluator>();
        services.AddSingleton<IJobHandler, WatchEvaluationJob>();
        services.AddSingleton(sp => new RecurringJob(WatchEvaluationJob.JobKind, TimeSpan.FromMinutes(sp.GetRequiredService<ZhichanOptions>().WatchEvaluationMinutes)));
        if (!Platform.Database.DatabaseSetup.IsBuildTimeDocumentGeneration) services.AddHostedService<EvaluateAfterImports>();
    }

    public void MapEndpoints(IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/analysis/watches").WithTags("Analysis").RequireAuthorization(p => p.RequireRole(Roles.Admin, Roles.Bureau, Roles.Enterprise));
        g.MapGet("/", ListWatches.HandleAsync).WithName("ListWatches").WithSummary("我的监控（知识产权局另见全局监控）：检索式、专利、创新主体、地区指标，含预警次数");
        g.MapPost("/", CreateWatch.HandleAsync).WithName("CreateWatch").WithSummary("新建监控（只对建立之后到达的数据预警；地区指标监控仅限知识产权局）");
        g.MapGet("/{id:long}", GetWatch.HandleAsync).WithName("GetWatch").WithSummary("监控详情");
        g.MapPut("/{id:long}/paused", SetWatchPaused.HandleAsync).WithName("SetWatchPaused").WithSummary("暂停或恢复监控（恢复后从当前数据起算）");
        g.MapDelete("/{id:long}", DeleteWatch.HandleAsync).WithName("DeleteWatch").WithSummary("删除监控及其预警记录");
        g.MapGet("/{id:long}/hits", ListWatchHits.HandleAsync).WithName("ListWatchHits").WithSummary("监控的预警记录（最新在前）");
        g.MapGet("/hits/{hitId:long}", GetWatchHit.HandleAsync).WithName("GetWatchHit").WithSummary("一条预警及其依据：命中的记录、法律状态事件、指标数值或到期日");
        g.MapPost("/evaluate", EvaluateWatches.HandleAsync).WithName("EvaluateWatches").RequireAuthorization(Policies.Staff)
            .WithSummary("立即评估全部监控并运行非正常申请筛查（每次导入后和定时也会自动运行；不会重复预警）");

        var s = app.MapGroup("/api/analysis/abnormal-filings").WithTags("Analysis").RequireAuthorization(Policies.Staff);
        s.MapGet("/", ListAbnormalFilings.HandleAsync).WithName("ListAbnormalFilings")
            .WithSummary("非正常申请筛查：同一申请人短期内提交的标题高度相似的申请（附记录与标题作为依据、筛查规则）");
    }
}
