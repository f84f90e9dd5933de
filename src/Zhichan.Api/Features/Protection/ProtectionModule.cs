using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Zhichan.Api.Features.Protection.Calendar;
using Zhichan.Api.Features.Protection.Cases;
using Zhichan.Api.Features.Protection.Credit;
using Zhichan.Api.Features.Protection.Disclosures;
using Zhichan.Api.Features.Protection.Intake;
using Zhichan.Api.Features.Protection.ProtectionList;
using Zhichan.Api.Features.Protection.Settings;
using Zhichan.Api.Platform.Jobs;

namespace Zhichan.Api.Features.Protection;

/// <summary>Protection (保护): complaints, triage and fast track, the case workflow, mediation, referral, disclosure, credit list.</summary>
public sealed class ProtectionModule : IFeatureModule
{
    public const string IntakeRatePolicy = "complaint-intake";
    public int Order => 40;

    public void AddServices(IServiceCollection services)
    {
        // protection's "today" is the application's clock unless a test sets protection's own (ProtectionFactory)
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new ProtectionClock(sp.GetRequiredService<TimeProvider>()));
        // the deadline check (临期/超期 alerts, late referral replies, credit expiry) is a job of the jobs table, queued every
        // ZHICHAN_PROTECTION_SWEEP_MINUTES (default 60; 0 = only on demand) — ADR 0206
        services.AddSingleton<IJobHandler, DeadlineCheckJob>();
        services.AddSingleton<Indicators.IModuleIndicator, CaseClosureRateIndicator>();
        services.AddSingleton<Indicators.IModuleIndicator, CaseDurationIndicator>();
        services.AddSingleton(sp => new RecurringJob(DeadlineCheckJob.JobKind,
            TimeSpan.FromMinutes(sp.GetRequiredService<ZhichanOptions>().ProtectionSweepMinutes)));
        // anonymous intake and status look-ups: per IP, ZHICHAN_COMPLAINT_RATE requests per 10 minutes (default 20)
        services.AddOptions<RateLimiterOptions>().Configure<ZhichanOptions>((o, options) =>
        {
            var limit = options.ComplaintRatePer10Minutes;
            o.AddPolicy(IntakeRatePolicy, ctx => ctx.User.Identity?.IsAuthenticated == true
                ? RateLimitPartition.GetNoLimiter("signed-in")
                : RateLimitPartition.GetFixedWindowLimiter(ctx.Connection.RemoteIpAddress?.ToString() ?? "?",
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = limit, Window = TimeSpan.FromMinutes(10) }));
        });
    }

    public void MapEndpoints(IEndpointRouteBuilder app)
    {
        var pub = app.MapGroup("/api/protection/public").WithTags("Protection").AllowAnonymous();
        pub.MapPost("/complaints", SubmitComplaint.HandleAsync).WithName("SubmitComplaint")
            .WithSummary("提交投诉举报/维权援助申请（无需登录；JSON 或 multipart 带证据文件）；返回受理编号和查询码")
            .Accepts<SubmitComplaintRequest>("application/json", "multipart/form-data")
            .ProducesValidationProblem().ProducesProblem(409).ProducesProblem(429)
            .DisableAntiforgery()
            .WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(IntakeRules.MaxTotalBytes + 1024 * 1024))
            .RequireRateLimiting(IntakeRatePolicy);
        pub.MapGet("/complaints/{receiptNumber}", GetComplaintStatus.HandleAsync).WithName("GetComplaintStatus")
            .WithSummary("凭受理编号和查询码查询办理进度（个人信息已脱敏）").ProducesProblem(404).RequireRateLimiting(IntakeRatePolicy);
        pub.MapPost("/complaints/{receiptNumber}/satisfaction", RateComplaint.HandleAsync).WithName("RateComplaint")
            .WithSummary("结案后的满意度评价（凭查询码）").ProducesProblem(404).RequireRateLimiting(IntakeRatePolicy);
        pub.MapGet("/disclosures", ListPublicDisclosures.HandleAsync).WithName("ListPublicDisclosures").WithSummary("已公开的行政处罚决定和典型案例（已脱敏；kind=typical_case 只看典型案例）").RequireRateLimiting(Platform.Security.RateLimits.Public);
        pub.MapGet("/disclosures/{id:long}", GetPublicDisclosure.HandleAsync).WithName("GetPublicDisclosure").WithSummary("公开的处罚决定/典型案例全文（已脱敏）").RequireRateLimiting(Platform.Security.RateLimits.Public);
        pub.MapGet("/credit", ListPublicCreditListings.HandleAsync).WithName("ListPublicCreditListings").WithSummary("严重违法失信名单（公示中）").RequireRateLimiting(Platform.Security.RateLimits.Public);

        var cases = app.MapGroup("/api/protection/cases").WithTags("Protection").RequireAuthorization(Policies.SignedIn);
        cases.MapGet("/", ListProtectionCases.HandleAsync).WithName("ListProtectionCases").WithSummary("案件队列（待受理/办理中/临期/超期/已办结），按角色过滤");
        cases.MapGet("/counts", CountProtectionCases.HandleAsync).WithName("CountProtectionCases").WithSummary("各队列的案件数（标签页计数），按角色过滤");
        cases.MapPost("/", RegisterProtectionCase.HandleAsync).WithName("RegisterProtectionCase").WithSummary("现场登记或其他单位移交的案件登记").RequireAuthorization(Policies.Government);
        cases.MapGet("/{id:long}", GetProtectionCase.HandleAsync).WithName("GetProtectionCase").WithSummary("案件详情：时间线、期限倒计时、调解、技术调查官、移送");
        cases.MapPost("/{id:long}/transitions", TransitionProtectionCase.HandleAsync).WithName("TransitionProtectionCase").WithSummary("办理操作（受理/不予受理/并案/移送/立案/调查/调解/决定/结案/中止/恢复/撤回）");
        cases.MapPost("/{id:long}/extension", ExtendProtectionCase.HandleAsync).WithName("ExtendProtectionCase").WithSummary("经批准延长办理期限（仅一次）");
        cases.MapPost("/{id:long}/assignment", AssignProtectionCase.HandleAsync).WithName("AssignProtectionCase").WithSummary("分派承办单位").RequireAuthorization(Policies.Staff);
        cases.MapPost("/{id:long}/files", UploadProtectionCaseFile.HandleAsync).WithName("UploadProtectionCaseFile").WithSummary("上传文书、调解协议或补充证据")
            .DisableAntiforgery().WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(IntakeRules.MaxFileBytes + 1024 * 1024));
        cases.MapGet("/{id:long}/files/{fileId:long}", DownloadProtectionCaseFile.HandleAsync).WithName("DownloadProtectionCaseFile")
            .WithSummary("下载证据/文书（当事人及只读单位只能下载当事人可见的和本人上传的文件）").ProducesProblem(404);
        cases.MapPut("/{id:long}/files/{fileId:long}/visibility", SetProtectionCaseFileVisibility.HandleAsync).WithName("SetProtectionCaseFileVisibility")
            .WithSummary("设置文件可见范围：仅内部 / 当事人可见").ProducesValidationProblem().ProducesProblem(404);
        cases.MapPost("/{id:long}/mediations", AddMediation.HandleAsync).WithName("AddMediation").WithSummary("记录调解（协议、司法确认）");
        cases.MapPost("/{id:long}/mediations/{mediationId:long}/confirmation", ApplyJudicialConfirmation.HandleAsync).WithName("ApplyJudicialConfirmation")
            .WithSummary("登记调解协议司法确认申请（法院、申请日期；协议生效后 30 日内）");
        cases.MapPost("/{id:long}/mediations/{mediationId:long}/ruling", RecordConfirmationRuling.HandleAsync).WithName("RecordConfirmationRuling")
            .WithSummary("登记司法确认裁定结果（受理法院或知识产权局代录）");
        cases.MapGet("/{id:long}/experts", ListCaseExperts.HandleAsync).WithName("ListCaseExperts").WithSummary("专家库中可选的技术调查官（含回避检查）");
        cases.MapPost("/{id:long}/investigators", AddInvestigator.HandleAsync).WithName("AddInvestigator").WithSummary("指派技术调查官（利害关系检查）");

        var referrals = app.MapGroup("/api/protection/referrals").WithTags("Protection").RequireAuthorization(Policies.Government);
        referrals.MapGet("/", ListReferrals.HandleAsync).WithName("ListReferrals").WithSummary("移送案件（行刑衔接）：公安/法院看到移送给本单位的");
        referrals.MapPost("/{id:long}/reply", ReplyReferral.HandleAsync).WithName("ReplyReferral").WithSummary("接收单位回复移送结果");

        var staff = app.MapGroup("/api/protection").WithTags("Protection").RequireAuthorization(Policies.Staff);
        staff.MapGet("/disclosures", ListDisclosures.HandleAsync).WithName("ListDisclosures").WithSummary("案件信息公开（含原文，仅内部）");
        staff.MapPost("/disclosures/preview", PreviewDisclosure.HandleAsync).WithName("PreviewDisclosure").WithSummary("预览脱敏后的公开文本（不保存）");
        staff.MapPost("/disclosures", CreateDisclosure.HandleAsync).WithName("CreateDisclosure").WithSummary("新建处罚决定公开/典型案例（自动脱敏）");
        staff.MapPost("/disclosures/{id:long}/publish", PublishDisclosure.HandleAsync).WithName("PublishDisclosure").WithSummary("发布公开信息");
        staff.MapPost("/disclosures/{id:long}/withdraw", WithdrawDisclosure.HandleAsync).WithName("WithdrawDisclosure").WithSummary("撤回公开信息");
        staff.MapGet("/credit", ListCreditListings.HandleAsync).WithName("ListCreditListings").WithSummary("严重违法失信名单（全部状态）");
        staff.MapPost("/credit", CreateCreditListing.HandleAsync).WithName("CreateCreditListing").WithSummary("依处罚决定列入严重违法失信名单");
        staff.MapPost("/credit/{id:long}/publish", PublishCreditListing.HandleAsync).WithName("PublishCreditListing").WithSummary("公示失信名单");
        staff.MapPost("/credit/{id:long}/review", ReviewCreditRepair.HandleAsync).WithName("ReviewCreditRepair").WithSummary("审核信用修复申请");
        staff.MapPost("/checks", RunDeadlineCheck.HandleAsync).WithName("RunDeadlineCheck").WithSummary("立即执行期限检查（临期/超期提醒、移送超期、失信期满移出），作为后台任务排队");
        staff.MapPost("/credit/expire", ExpireCreditListings.HandleAsync).WithName("ExpireCreditListings").WithSummary("立即执行期满移出");
        staff.MapGet("/settings", GetProtectionSettings.HandleAsync).WithName("GetProtectionSettings").WithSummary("快速通道规则与失信名单期限");
        staff.MapPut("/settings", UpdateProtectionSettings.HandleAsync).WithName("UpdateProtectionSettings").WithSummary("修改快速通道规则与失信名单期限");
        staff.MapPost("/protection-list", AddProtectionListEntry.HandleAsync).WithName("AddProtectionListEntry").WithSummary("新增保护名录条目");
        staff.MapPut("/protection-list/{id:long}", UpdateProtectionListEntry.HandleAsync).WithName("UpdateProtectionListEntry").WithSummary("修改保护名录条目");
        app.MapGet("/api/protection/credit/mine", ListMyCreditListings.HandleAsync).WithTags("Protection").WithName("ListMyCreditListings")
            .WithSummary("本单位的失信名单记录与信用修复审核结果（企业账号）").RequireAuthorization(Policies.SignedIn);
        app.MapPost("/api/protection/credit/{id:long}/repair", RequestCreditRepair.HandleAsync).WithTags("Protection").WithName("RequestCreditRepair")
            .WithSummary("申请信用修复（失信主体或知识产权局代录）").RequireAuthorization(Policies.SignedIn);

        var gov = app.MapGroup("/api/protection").WithTags("Protection").RequireAuthorization(Policies.Government);
        gov.MapGet("/protection-list", ListProtectionList.HandleAsync).WithName("ListProtectionList").WithSummary("保护名录");
        gov.MapGet("/stats", GetProtectionStats.HandleAsync).WithName("GetProtectionStats").WithSummary("保护指标：受理、结案、结案率、平均办理天数、快速通道占比、满意度");

        var cal = app.MapGroup("/api/protection/calendar").WithTags("Protection");
        cal.MapGet("/", ListWorkdayCalendar.HandleAsync).WithName("ListWorkdayCalendar").WithSummary("节假日与调休上班日").RequireAuthorization(Policies.SignedIn);
        cal.MapGet("/add", AddWorkingDays.HandleAsync).WithName("AddWorkingDays").WithSummary("按工作日计算期限").RequireAuthorization(Policies.SignedIn);
        cal.MapPut("/{day}", SetCalendarDay.HandleAsync).WithName("SetCalendarDay").WithSummary("设置节假日或调休上班日").RequireAuthorization(Policies.Admin);
        cal.MapDelete("/{day}", DeleteCalendarDay.HandleAsync).WithName("DeleteCalendarDay").WithSummary("删除节假日/调休记录").RequireAuthorization(Policies.Admin);
    }
}
