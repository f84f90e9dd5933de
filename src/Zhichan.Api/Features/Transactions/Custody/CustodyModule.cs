using Microsoft.Extensions.DependencyInjection.Extensions;
using Zhichan.Api.Features.Records;
using Zhichan.Api.Platform.Jobs;
using Zhichan.Api.Platform.Security;

namespace Zhichan.Api.Features.Transactions.Custody;

/// <summary>运用 · 托管: custody contracts between enterprises and agencies, watch lists, the annual-fee and renewal calendar, the daily check.</summary>
public sealed class CustodyModule : IFeatureModule
{
    public int Order => 94;

    public void AddServices(IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddScoped<IRecordTimelineSource, CustodyTimelineSource>();
        // reminders and lapses: a job of the jobs table every ZHICHAN_CUSTODY_CHECK_MINUTES (default 1440 = daily; 0 = only on demand)
        services.AddSingleton<IJobHandler, CustodyCheckJob>();
        services.AddSingleton(sp => new RecurringJob(CustodyCheckJob.JobKind, TimeSpan.FromMinutes(sp.GetRequiredService<ZhichanOptions>().CustodyCheckMinutes)));
    }

    public void MapEndpoints(IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/transactions/custody").WithTags("Transactions")
            .RequireAuthorization(p => p.RequireRole(Roles.Admin, Roles.Bureau, Roles.District, Roles.Enterprise, Roles.Agency));
        var parties = new[] { Roles.Enterprise, Roles.Agency };
        g.MapGet("/contracts", ListCustodyContracts.HandleAsync).WithName("ListCustodyContracts").WithSummary("托管合同列表（企业看本企业的，服务机构看本机构的客户，县区看本地区，市局看全部）");
        g.MapPost("/contracts", CreateCustodyContract.HandleAsync).WithName("CreateCustodyContract").WithSummary("提出托管合同（草稿，须由对方确认生效）")
            .RequireAuthorization(p => p.RequireRole(parties));
        g.MapGet("/contracts/{id:long}", GetCustodyContract.HandleAsync).WithName("GetCustodyContract").WithSummary("托管合同详情：托管权利、办理记录和可办理的操作");
        g.MapPost("/contracts/{id:long}/transitions", TransitionCustodyContract.HandleAsync).WithName("TransitionCustodyContract")
            .WithSummary("办理合同状态变更：确认生效、拒绝、撤回、终止").RequireAuthorization(p => p.RequireRole(parties));
        g.MapPost("/contracts/{id:long}/rights", AddCustodyRights.HandleAsync).WithName("AddCustodyRights").WithSummary("向合同增加托管权利")
            .RequireAuthorization(p => p.RequireRole(parties));
        g.MapDelete("/contracts/{id:long}/rights/{rightId:long}", RemoveCustodyRight.HandleAsync).WithName("RemoveCustodyRight").WithSummary("从合同移出托管权利")
            .RequireAuthorization(p => p.RequireRole(parties));
        g.MapGet("/parties", ListCustodyParties.HandleAsync).WithName("ListCustodyParties").WithSummary("可选的合同对方：企业选服务机构，服务机构选已开通账号的企业")
            .RequireAuthorization(p => p.RequireRole(parties));
        g.MapPost("/rights/check", CheckCustodyRights.HandleAsync).WithName("CheckCustodyRights").WithSummary("按号码核对权利（数据中心记录、法律状态、权利人是否为本企业）");
        g.MapGet("/watches", ListCustodyWatches.HandleAsync).WithName("ListCustodyWatches").WithSummary("关注清单（不托管、只监控期限的权利）");
        g.MapPost("/watches", AddCustodyWatch.HandleAsync).WithName("AddCustodyWatch").WithSummary("把权利加入本单位的关注清单").RequireAuthorization(p => p.RequireRole(parties));
        g.MapDelete("/watches/{id:long}", RemoveCustodyWatch.HandleAsync).WithName("RemoveCustodyWatch").WithSummary("从关注清单移除").RequireAuthorization(p => p.RequireRole(parties));
        g.MapGet("/calendar", GetRenewalCalendar.HandleAsync).WithName("GetRenewalCalendar").WithSummary("年费与续展日历：托管和关注的权利的应缴事项、宽限期、失效，按月汇总");
        g.MapGet("/calendar/export", ExportRenewalCalendar.HandleAsync).WithName("ExportRenewalCalendar").WithSummary("导出年费与续展日历（Excel）")
            .RequireRateLimiting(RateLimits.Export);
        g.MapGet("/calendar/ics", ExportRenewalCalendarIcs.HandleAsync).WithName("ExportRenewalCalendarIcs").WithSummary("导出年费与续展日历（iCalendar，供桌面日历订阅导入）")
            .RequireRateLimiting(RateLimits.Export);
        g.MapGet("/schedule", GetRenewalSchedule.HandleAsync).WithName("GetRenewalSchedule").WithSummary("一项权利的全部年费/续展期限（按记录计算，可指定日期）");
        g.MapPost("/payments", MarkRenewalPaid.HandleAsync).WithName("MarkRenewalPaid").WithSummary("登记缴费（缴费日期、收据号），按缴费日计算滞纳金")
            .RequireAuthorization(p => p.RequireRole(parties));
        g.MapPost("/check", RunCustodyCheck.HandleAsync).WithName("RunCustodyCheck").WithSummary("立即执行托管日检：合同到期、记录失效、发送 90/30/7 天到期提醒（不重复发送）")
            .RequireAuthorization(Policies.Staff);
    }
}
