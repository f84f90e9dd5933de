using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Zhichan.Api.Features.Indicators;
using Zhichan.Api.Platform.Security;

namespace Zhichan.Api.Features.Programmes.Outcomes;

/// <summary>申报评审 · 公示与决定 (issue 23 §4, ADR 0044/0045): proposals within quotas and budget, the 公示 with objections, decisions, payments, totals, indicators.</summary>
public sealed class OutcomesModule : IFeatureModule
{
    public const string ObjectionRatePolicy = "programme-objections";
    public int Order => 98;

    public void AddServices(IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        foreach (var code in ProgrammeIndicators.Codes) services.AddSingleton<IModuleIndicator>(new ProgrammeIndicators(code));
        // anonymous objections: per IP, ZHICHAN_OBJECTION_RATE per 10 minutes (default 10); signed-in callers are limited by the write limiter
        services.AddOptions<RateLimiterOptions>().Configure<ZhichanOptions>((o, options) =>
        {
            var limit = options.ObjectionRatePer10Minutes;
            o.AddPolicy(ObjectionRatePolicy, ctx => ctx.User.Identity?.IsAuthenticated == true
                ? RateLimitPartition.GetNoLimiter("signed-in")
                : RateLimitPartition.GetFixedWindowLimiter("objection:" + (ctx.Connection.RemoteIpAddress?.ToString() ?? "?"),
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = limit, Window = TimeSpan.FromMinutes(10) }));
        });
    }

    public void MapEndpoints(IEndpointRouteBuilder app)
    {
        var pub = app.MapGroup("/api/public/programmes").WithTags("Programmes").AllowAnonymous();
        pub.MapGet("/notices", ListPublicityNotices.HandleAsync).WithName("ListPublicityNotices")
            .WithSummary("申报评审公示（当前和以往）：项目、批次、公示期、排名名单（申报单位、等次、金额；不含个人信息）").ProducesProblem(429)
            .RequireRateLimiting(RateLimits.Public);
        pub.MapPost("/notices/{callId:long}/objections", RaiseObjection.HandleAsync).WithName("RaiseObjection")
            .WithSummary("在公示期内对公示名单或其中一项申报提出异议（无需登录；须留联系电话或电子邮箱）")
            .ProducesValidationProblem().ProducesProblem(404).ProducesProblem(409).ProducesProblem(429).RequireRateLimiting(ObjectionRatePolicy);

        var g = app.MapGroup("/api/programmes/outcomes").WithTags("Programmes").RequireAuthorization(Policies.Staff);
        g.MapGet("/calls", ListOutcomeCalls.HandleAsync).WithName("ListOutcomeCalls").WithSummary("评审完成后的申报批次（拟定、公示、决定、拨付）");
        g.MapGet("/calls/{callId:long}", GetCallOutcomes.HandleAsync).WithName("GetCallOutcomes")
            .WithSummary("批次的排名名单、拟定等次与金额、名额与预算、公示期、异议与拨付").ProducesProblem(404);
        g.MapPost("/calls/{callId:long}/publicity", PublishPublicity.HandleAsync).WithName("PublishPublicity")
            .WithSummary("发布公示：已拟定等次的申报进入公示，公示期按工作日计算").ProducesProblem(404).ProducesProblem(409);
        g.MapGet("/calls/{callId:long}/objections", ListObjections.HandleAsync).WithName("ListObjections")
            .WithSummary("公示异议（含异议人联系方式，仅知识产权局可见）").ProducesProblem(404);
        g.MapPost("/objections/{id:long}/answer", AnswerObjection.HandleAsync).WithName("AnswerObjection")
            .WithSummary("答复异议：成立或不成立，附答复内容").ProducesValidationProblem().ProducesProblem(404).ProducesProblem(409);
        g.MapPut("/applications/{id:long}/proposal", ProposeOutcome.HandleAsync).WithName("ProposeOutcome")
            .WithSummary("拟定等次和金额（不超过名额、等次金额、单项上限和批次预算）").ProducesValidationProblem().ProducesProblem(404).ProducesProblem(409);
        g.MapPost("/applications/{id:long}/decision", DecideApplication.HandleAsync).WithName("DecideApplication")
            .WithSummary("认定/立项或不予（公示期满且异议均已答复后）；记录有效期、写入主体标签、通知申报单位")
            .ProducesValidationProblem().ProducesProblem(404).ProducesProblem(409);
        g.MapPost("/applications/{id:long}/payments", RecordPayment.HandleAsync).WithName("RecordPayment")
            .WithSummary("登记资金拨付（计划或已拨付；合计不超过核定金额）").ProducesValidationProblem().ProducesProblem(404).ProducesProblem(409);
        g.MapPut("/payments/{id:long}", UpdatePayment.HandleAsync).WithName("UpdatePayment")
            .WithSummary("拨付记录：计划 → 已拨付，已拨付 → 退回").ProducesValidationProblem().ProducesProblem(404).ProducesProblem(409);
        g.MapGet("/totals", GetProgrammeTotals.HandleAsync).WithName("GetProgrammeTotals")
            .WithSummary("项目汇总：各批次、各项目类型的申报、认定、核定金额、拨付和预算使用率").ProducesValidationProblem();
        g.MapGet("/totals/export", ExportProgrammeTotals.HandleAsync).WithName("ExportProgrammeTotals")
            .WithSummary("导出项目汇总（Excel）").ProducesValidationProblem().RequireRateLimiting(RateLimits.Export);
    }
}
