using Microsoft.AspNetCore.Mvc;
using Zhichan.Api.Features.Indicators;
using Zhichan.Api.Features.Records;
using Zhichan.Api.Platform.Files;

namespace Zhichan.Api.Features.Transactions.Pledges;

/// <summary>运用 · 质押融资 (issue 22 §2, §4): valuations, pledges with their state machine and the gazette's pledge events, the risk-compensation pool and its claims, 质押融资额 and 质押项目数.</summary>
public sealed class PledgesModule : IFeatureModule
{
    public int Order => 72;

    public void AddServices(IServiceCollection services)
    {
        foreach (var code in PledgeIndicator.Codes) services.AddSingleton<IModuleIndicator>(new PledgeIndicator(code));
        services.AddScoped<IRecordTimelineSource, PledgeTimelineSource>();
    }

    public void MapEndpoints(IEndpointRouteBuilder app)
    {
        var upload = new RequestSizeLimitAttribute(UploadedFiles.MaxFileBytes + 1024 * 1024);
        var pledges = app.MapGroup("/api/transactions/pledges").WithTags("Transactions").RequireAuthorization(Policies.SignedIn);
        pledges.MapGet("/", ListPledges.HandleAsync).WithName("ListPledges").WithSummary("质押融资列表（按状态、银行、地区、年度筛选，含各状态笔数）");
        pledges.MapPost("/", CreatePledge.HandleAsync).WithName("CreatePledge").WithSummary("提交质押申请（企业为本单位；知识产权局可代为登记）");
        pledges.MapGet("/options", GetPledgeOptions.HandleAsync).WithName("GetPledgeOptions").WithSummary("质押与评估表单的选项（金融机构、评估机构、本单位主体）");
        pledges.MapGet("/export", ExportPledges.HandleAsync).WithName("ExportPledges").WithSummary("导出质押融资 Excel（按可见范围与筛选条件）");
        pledges.MapGet("/{id:long}", GetPledge.HandleAsync).WithName("GetPledge").WithSummary("质押详情（权利、评估、办理记录、公告事件、补偿申请）");
        pledges.MapPost("/{id:long}/transitions", TransitionPledge.HandleAsync).WithName("TransitionPledge").WithSummary("质权银行办理：登记生效、变更、注销、违约、处置");
        var staffPledges = app.MapGroup("/api/transactions/pledges").WithTags("Transactions").RequireAuthorization(Policies.Staff);
        staffPledges.MapPost("/import", ImportPledges.HandleAsync).WithName("ImportPledges").WithSummary("从 Excel 导入存量质押（中文表头；逐行报错，出错行不入库）")
            .DisableAntiforgery().WithMetadata(upload);
        staffPledges.MapGet("/gazette-unmatched", ListUnmatchedPledgeEvents.HandleAsync).WithName("ListUnmatchedPledgeEvents")
            .WithSummary("未匹配到平台质押的法律状态质押公告（生效、变更、注销）");

        var valuations = app.MapGroup("/api/transactions/valuations").WithTags("Transactions").RequireAuthorization(Policies.SignedIn);
        valuations.MapGet("/", ListValuations.HandleAsync).WithName("ListValuations").WithSummary("评估报告列表（评估机构本机构、企业本单位、银行其质押所用、知识产权局全部）");
        valuations.MapPost("/", CreateValuation.HandleAsync).WithName("CreateValuation").WithSummary("登记评估报告（评估机构；知识产权局可代为登记）");
        valuations.MapGet("/{id:long}", GetValuation.HandleAsync).WithName("GetValuation").WithSummary("评估报告详情");
        valuations.MapPost("/{id:long}/report", UploadValuationReport.HandleAsync).WithName("UploadValuationReport").WithSummary("上传评估报告文件")
            .DisableAntiforgery().WithMetadata(upload);
        valuations.MapGet("/{id:long}/report", DownloadValuationReport.HandleAsync).WithName("DownloadValuationReport").WithSummary("下载评估报告文件");

        var pools = app.MapGroup("/api/transactions/pledge-pools").WithTags("Transactions");
        pools.MapGet("/{year:int}", GetPledgePool.HandleAsync).RequireAuthorization(Policies.SignedIn).WithName("GetPledgePool")
            .WithSummary("风险补偿资金池（规则、入池银行与企业、出资、补偿申请、余额及其变化）");
        pools.MapPut("/{year:int}", SavePledgePool.HandleAsync).RequireAuthorization(Policies.Staff).WithName("SavePledgePool").WithSummary("设立或修改年度资金池规则");
        pools.MapPost("/{year:int}/contributions", AddPoolContribution.HandleAsync).RequireAuthorization(Policies.Staff).WithName("AddPoolContribution")
            .WithSummary("登记资金池出资");
        pools.MapPost("/{year:int}/members", AddPoolMember.HandleAsync).RequireAuthorization(Policies.Staff).WithName("AddPoolMember").WithSummary("登记入池银行或入池企业");

        var claims = app.MapGroup("/api/transactions/pledge-claims").WithTags("Transactions");
        claims.MapPost("/preview", PreviewPledgeClaim.HandleAsync).RequireAuthorization(Policies.SignedIn).WithName("PreviewPledgeClaim")
            .WithSummary("试算风险补偿分担（提交前查看）");
        claims.MapPost("/", CreatePledgeClaim.HandleAsync).RequireAuthorization(Policies.SignedIn).WithName("CreatePledgeClaim").WithSummary("质权银行申请风险补偿");
        claims.MapPost("/{id:long}/review", ReviewPledgeClaim.HandleAsync).RequireAuthorization(Policies.Staff).WithName("ReviewPledgeClaim")
            .WithSummary("审核风险补偿申请（批准或驳回并说明理由）");
        claims.MapPost("/{id:long}/payouts", AddClaimPayout.HandleAsync).RequireAuthorization(Policies.Staff).WithName("AddClaimPayout").WithSummary("登记补偿拨付");
    }
}
