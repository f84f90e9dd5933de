using Microsoft.Extensions.DependencyInjection.Extensions;
using Zhichan.Api.Platform.Files;
using Zhichan.Api.Platform.Jobs;
using Zhichan.Api.Platform.Security;

namespace Zhichan.Api.Features.Analysis.Appraisals;

/// <summary>分析预警 · 分析评议 (issue 24 §2): requests for the appraisal of major projects, the stage workflow with its checklists, the opinion.</summary>
public sealed class AppraisalsModule : IFeatureModule
{
    public int Order => 121;

    public void AddServices(IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<IJobHandler, AppraisalDeadlineJob>();
        services.AddSingleton(sp => new RecurringJob(AppraisalDeadlineJob.JobKind, TimeSpan.FromMinutes(sp.GetRequiredService<ZhichanOptions>().AppraisalCheckMinutes)));
    }

    public void MapEndpoints(IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/analysis/appraisals").WithTags("Analysis")
            .RequireAuthorization(p => p.RequireRole(Roles.Admin, Roles.Bureau, Roles.District, Roles.Enterprise, Roles.Agency));
        var requesters = new[] { Roles.Admin, Roles.Bureau, Roles.Enterprise };
        var upload = new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(UploadedFiles.MaxFileBytes + 1024 * 1024);
        g.MapGet("/", ListAppraisals.HandleAsync).WithName("ListAppraisals").WithSummary("分析评议申请列表（按状态、超期筛选；企业看本企业的，服务机构看委托本机构的，县区看本地区，市局看全部）");
        g.MapPost("/", CreateAppraisal.HandleAsync).WithName("CreateAppraisal").WithSummary("登记或提交分析评议申请（企业只能为本企业申请）")
            .RequireAuthorization(p => p.RequireRole(requesters));
        g.MapGet("/{id:long}", GetAppraisal.HandleAsync).WithName("GetAppraisal").WithSummary("评议申请详情：核查清单、平台证据、办理记录、可办理的操作（联系人按角色脱敏）");
        g.MapPut("/{id:long}", UpdateAppraisal.HandleAsync).WithName("UpdateAppraisal").WithSummary("修改评议申请（申请单位在受理前或退回后，知识产权局在归档前）")
            .RequireAuthorization(p => p.RequireRole(requesters));
        g.MapPost("/{id:long}/transitions", TransitionAppraisal.HandleAsync).WithName("TransitionAppraisal")
            .WithSummary("办理评议：受理、退回补充、不予受理、重新提交、完成各阶段、归档（必查项未查不能完成阶段）").RequireAuthorization(p => p.RequireRole(requesters));
        g.MapPut("/{id:long}/checks/{code}", SetAppraisalCheck.HandleAsync).WithName("SetAppraisalCheck").WithSummary("填写核查项：风险等级、说明、证据链接")
            .RequireAuthorization(Policies.Staff);
        g.MapPost("/{id:long}/checks/{code}/collect", CollectAppraisalEvidence.HandleAsync).WithName("CollectAppraisalEvidence")
            .WithSummary("从平台数据检索核查项的证据：关联专利、主体专利组合、法律状态事件、失信名单与投诉").RequireAuthorization(Policies.Staff);
        g.MapPut("/{id:long}/opinion", SaveAppraisalOpinion.HandleAsync).WithName("SaveAppraisalOpinion").WithSummary("填写评议范围、方法、意见、结论和建议")
            .RequireAuthorization(Policies.Staff);
        g.MapGet("/{id:long}/opinion.docx", ExportAppraisalOpinion.HandleAsync).WithName("ExportAppraisalOpinion").WithSummary("导出评议意见书（Word）")
            .RequireRateLimiting(RateLimits.Export);
        g.MapGet("/{id:long}/opinion.pdf", ExportAppraisalOpinionPdf.HandleAsync).WithName("ExportAppraisalOpinionPdf").WithSummary("导出评议意见书（PDF）")
            .RequireRateLimiting(RateLimits.Export);
        g.MapPost("/{id:long}/files", UploadAppraisalFile.HandleAsync).WithName("UploadAppraisalFile").WithSummary("上传评议申请附件")
            .DisableAntiforgery().WithMetadata(upload).RequireAuthorization(p => p.RequireRole(requesters));
        g.MapGet("/files/{fileId:long}", DownloadAppraisalFile.HandleAsync).WithName("DownloadAppraisalFile").WithSummary("下载评议申请附件");
        g.MapDelete("/files/{fileId:long}", DeleteAppraisalFile.HandleAsync).WithName("DeleteAppraisalFile").WithSummary("删除评议申请附件")
            .RequireAuthorization(p => p.RequireRole(requesters));
        g.MapPost("/deadlines/check", CheckAppraisalDeadlines.HandleAsync).WithName("CheckAppraisalDeadlines")
            .WithSummary("立即检查评议期限：向承办人发送即将到期和超期提醒（每日自动运行，不重复提醒）").RequireAuthorization(Policies.Staff);
    }
}
