using Microsoft.Extensions.DependencyInjection.Extensions;
using Zhichan.Api.Features.Indicators;
using Zhichan.Api.Features.Records;
using Zhichan.Api.Platform.Security;

namespace Zhichan.Api.Features.Transactions.Filings;

/// <summary>运用 · 许可/转让合同备案, 开放许可, the gazette's transfer and licence events matched to filings (ADR 0031, 0032).</summary>
public sealed class FilingsModule : IFeatureModule
{
    public int Order => 80;

    /// <summary>Who reads filings (row-filtered) and who files them (ADR 0031): districts read their region, the bureau decides.</summary>
    private static readonly string[] Readers = [Roles.Admin, Roles.Bureau, Roles.District, Roles.Enterprise, Roles.Agency];
    private static readonly string[] Filers = [Roles.Admin, Roles.Bureau, Roles.Enterprise, Roles.Agency];

    public void AddServices(IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<IModuleIndicator, FilingIndicator>();
        services.AddScoped<IRecordTimelineSource, FilingTimelineSource>();
    }

    public void MapEndpoints(IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/transactions/filings").WithTags("Transactions");
        g.MapGet("/", ListLicenceFilings.HandleAsync).WithName("ListLicenceFilings").WithSummary("许可/转让合同备案列表（按状态、类型、地区、年度、逾期筛选，含各状态数量）")
            .RequireAuthorization(p => p.RequireRole(Readers));
        g.MapGet("/export", ExportLicenceFilings.HandleAsync).WithName("ExportLicenceFilings").WithSummary("导出备案列表（Excel）")
            .RequireAuthorization(p => p.RequireRole(Readers)).RequireRateLimiting(RateLimits.Export);
        g.MapPost("/import", ImportLicenceFilings.HandleAsync).WithName("ImportLicenceFilings").WithSummary("从 Excel（中文表头）导入已备案的合同（有错误行则全部不导入并逐行报告）")
            .RequireAuthorization(Policies.Staff).Accepts<IFormFile>("multipart/form-data").DisableAntiforgery();
        g.MapPost("/rights/check", CheckFilingRights.HandleAsync).WithName("CheckFilingRights").WithSummary("核对专利号/商标注册号（显示名称、类型、申请日和保护期届满日）")
            .RequireAuthorization(p => p.RequireRole(Filers));
        g.MapGet("/parties", SearchFilingParties.HandleAsync).WithName("SearchFilingParties").WithSummary("按名称或统一社会信用代码查找当事人（创新主体名录）")
            .RequireAuthorization(p => p.RequireRole(Filers));
        g.MapGet("/unmatched-gazette", ListUnmatchedGazetteTransactions.HandleAsync).WithName("ListUnmatchedGazetteTransactions")
            .WithSummary("未备案的公告交易：本辖区专利的转让、许可公告事件中没有对应本地备案的").RequireAuthorization(p => p.RequireRole(Roles.Admin, Roles.Bureau, Roles.District));
        g.MapPost("/", CreateLicenceFiling.HandleAsync).WithName("CreateLicenceFiling").WithSummary("新建许可/转让合同备案（草稿）")
            .RequireAuthorization(p => p.RequireRole(Filers));
        g.MapGet("/{id:long}", GetLicenceFiling.HandleAsync).WithName("GetLicenceFiling").WithSummary("备案详情：当事人、权利、期限、办理记录、对应的公告事件、办理时限")
            .RequireAuthorization(p => p.RequireRole(Readers));
        g.MapPut("/{id:long}", UpdateLicenceFiling.HandleAsync).WithName("UpdateLicenceFiling").WithSummary("修改草稿、不予备案后修改或变更中的备案")
            .RequireAuthorization(p => p.RequireRole(Filers));
        g.MapPost("/{id:long}/submit", SubmitLicenceFiling.HandleAsync).WithName("SubmitLicenceFiling").WithSummary("提交备案（超过合同生效之日起 3 个月的给出提示并标记逾期）")
            .RequireAuthorization(p => p.RequireRole(Filers));
        g.MapPost("/{id:long}/accept", AcceptLicenceFiling.HandleAsync).WithName("AcceptLicenceFiling").WithSummary("受理（7 个工作日内作出决定）")
            .RequireAuthorization(Policies.Staff);
        g.MapPost("/{id:long}/decision", DecideLicenceFiling.HandleAsync).WithName("DecideLicenceFiling").WithSummary("准予备案（分配备案号）或不予备案（说明理由）")
            .RequireAuthorization(Policies.Staff);
        g.MapPost("/{id:long}/change", ChangeLicenceFiling.HandleAsync).WithName("ChangeLicenceFiling").WithSummary("申请变更已备案的合同（生成新版本，重新审核）")
            .RequireAuthorization(p => p.RequireRole(Filers));
        g.MapPost("/{id:long}/cancel", CancelLicenceFiling.HandleAsync).WithName("CancelLicenceFiling").WithSummary("注销备案（说明理由）")
            .RequireAuthorization(p => p.RequireRole(Filers));

        var pub = app.MapGroup("/api/public").WithTags("Transactions").AllowAnonymous().RequireRateLimiting(RateLimits.Public);
        pub.MapGet("/open-licences", ListPublicOpenLicences.HandleAsync).WithName("ListPublicOpenLicences").WithSummary("已发布的开放许可声明（公开）");

        var ol = app.MapGroup("/api/transactions/open-licences").WithTags("Transactions");
        ol.MapGet("/", ListOpenLicences.HandleAsync).WithName("ListOpenLicences").WithSummary("开放许可声明：已发布的及本单位的").RequireAuthorization(Policies.SignedIn);
        ol.MapPost("/", DeclareOpenLicence.HandleAsync).WithName("DeclareOpenLicence").WithSummary("专利权人声明开放许可（付费方式、标准和期限）")
            .RequireAuthorization(p => p.RequireRole(Roles.Enterprise));
        ol.MapPost("/{id:long}/publish", PublishOpenLicence.HandleAsync).WithName("PublishOpenLicence").WithSummary("发布开放许可声明")
            .RequireAuthorization(p => p.RequireRole(Roles.Enterprise));
        ol.MapPost("/{id:long}/withdraw", WithdrawOpenLicence.HandleAsync).WithName("WithdrawOpenLicence").WithSummary("撤回开放许可声明")
            .RequireAuthorization(p => p.RequireRole(Roles.Enterprise));
        ol.MapPost("/{id:long}/take", TakeOpenLicence.HandleAsync).WithName("TakeOpenLicence").WithSummary("按开放许可声明取得普通许可（生成备案草稿）")
            .RequireAuthorization(p => p.RequireRole(Roles.Enterprise));
    }
}
