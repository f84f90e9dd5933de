using Zhichan.Api.Features.Plans.Assessments;
using Zhichan.Api.Features.Plans.Notices;
using Zhichan.Api.Features.Plans.ProgressReports;
using Zhichan.Api.Platform.Files;

namespace Zhichan.Api.Features.Plans;

/// <summary>Plans (目标考核): the work plans with phases, goals and tasks, progress reports, supervision notices, yearly assessment.</summary>
public sealed class PlansModule : IFeatureModule
{
    public int Order => 41;

    public void AddServices(IServiceCollection services) => services.AddSingleton<IStartupTask, PlanSeedLoader>();

    public void MapEndpoints(IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/plans").WithTags("Plans").RequireAuthorization(Policies.Government);
        g.MapGet("/", ListPlans.HandleAsync).WithName("ListPlans").WithSummary("工作方案列表（辖区、期限、目标与任务完成概况）");
        g.MapGet("/{id:long}", GetPlan.HandleAsync).WithName("GetPlan")
            .WithSummary("工作方案详情：实施步骤、主要目标及进度、重点任务（县区/成员单位只见本单位任务）、按牵头单位统计、预警");
        g.MapGet("/{id:long}/warnings", ListPlanWarnings.HandleAsync).WithName("ListPlanWarnings").WithSummary("预警：任务逾期、目标按趋势预计未达成");
        g.MapGet("/goals/{goalId:long}/shares", ListGoalShares.HandleAsync).WithName("ListGoalShares").WithSummary("目标分解：各县区分到的目标及其实际值");
        g.MapPut("/goals/{goalId:long}/shares", SetGoalShares.HandleAsync).WithName("SetGoalShares").WithSummary("分解目标到县区（按年份；留空删除）")
            .RequireAuthorization(Policies.Staff);
        g.MapPost("/{id:long}/tasks", CreatePlanTask.HandleAsync).WithName("CreatePlanTask").WithSummary("新增重点任务（指定牵头/配合单位、期限）")
            .RequireAuthorization(Policies.Staff);
        g.MapPut("/tasks/{taskId:long}", UpdatePlanTask.HandleAsync).WithName("UpdatePlanTask").WithSummary("修改任务期限、状态、节点").RequireAuthorization(Policies.Staff);
        g.MapGet("/tasks", ListPlanTasks.HandleAsync).WithName("ListPlanTasks").WithSummary("任务清单（本单位任务；可按方案、牵头单位、状态筛选）");

        g.MapGet("/tasks/{taskId:long}/reports", ListTaskProgressReports.HandleAsync).WithName("ListTaskProgressReports").WithSummary("任务的进展报告");
        g.MapPost("/tasks/{taskId:long}/reports", SubmitProgressReport.HandleAsync).WithName("SubmitProgressReport").WithSummary("报送任务进展（本单位承担的任务）");
        g.MapGet("/reports", ListProgressReports.HandleAsync).WithName("ListProgressReports").WithSummary("进展报告（知识产权局：全部/待审核；其他单位：本单位）");
        g.MapPost("/reports/{reportId:long}/review", ReviewProgressReport.HandleAsync).WithName("ReviewProgressReport").WithSummary("审核进展报告（通过/退回）")
            .RequireAuthorization(Policies.Staff);
        var limit = new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(UploadedFiles.MaxFileBytes + 1024 * 1024);
        g.MapPost("/reports/attachments", UploadProgressReportAttachment.HandleAsync).WithName("UploadProgressReportAttachment")
            .WithSummary("上传进展报告附件（报送时在 attachmentIds 中引用；类型、大小与内容经检查）").DisableAntiforgery().WithMetadata(limit);
        g.MapPost("/reports/{reportId:long}/attachments", AddProgressReportAttachment.HandleAsync).WithName("AddProgressReportAttachment")
            .WithSummary("为待审核的本单位进展报告补充附件").DisableAntiforgery().WithMetadata(limit);
        g.MapGet("/reports/{reportId:long}/attachments/{fileId:long}", DownloadProgressReportAttachment.HandleAsync).WithName("DownloadProgressReportAttachment")
            .WithSummary("下载进展报告附件（知识产权局与报送单位）");

        g.MapGet("/notices", ListSupervisionNotices.HandleAsync).WithName("ListSupervisionNotices").WithSummary("督查通报（知识产权局：全部；其他单位：发给本单位的）");
        g.MapPost("/notices", CreateSupervisionNotice.HandleAsync).WithName("CreateSupervisionNotice").WithSummary("发布督查通报").RequireAuthorization(Policies.Staff);
        g.MapPost("/notices/{noticeId:long}/read", MarkSupervisionNoticeRead.HandleAsync).WithName("MarkSupervisionNoticeRead").WithSummary("标记通报已读");

        g.MapGet("/assessments/{schemeId:long}/report.html", GetAssessmentReportHtml.HandleAsync).WithName("GetAssessmentReportHtml")
            .WithSummary("考核报告（网页版，可预览与打印）");
        g.MapGet("/assessments/{schemeId:long}/report.pdf", GetAssessmentReportPdf.HandleAsync).WithName("GetAssessmentReportPdf")
            .WithSummary("考核报告 PDF（由无头 Chromium 生成；Chromium 不可用时返回 503）");
        g.MapGet("/{id:long}/assessments", ListAssessments.HandleAsync).WithName("ListAssessments").WithSummary("方案的年度考核（县区/成员单位只见已发布的）");
        g.MapPost("/{id:long}/assessments", CreateAssessment.HandleAsync).WithName("CreateAssessment").WithSummary("建立年度考核方案（加权考核项；不填则用默认考核项）")
            .RequireAuthorization(Policies.Staff);
        g.MapGet("/assessments/{schemeId:long}", GetAssessment.HandleAsync).WithName("GetAssessment").WithSummary("考核结果：考核项、逐项得分与依据、排名（县区只见本单位）");
        g.MapPost("/assessments/{schemeId:long}/score", ScoreAssessment.HandleAsync).WithName("ScoreAssessment").WithSummary("按数据自动评分（指标完成度、任务完成及时性）")
            .RequireAuthorization(Policies.Staff);
        g.MapPut("/assessments/{schemeId:long}/scores", SetAssessmentScore.HandleAsync).WithName("SetAssessmentScore").WithSummary("人工评分（须写明理由）")
            .RequireAuthorization(Policies.Staff);
        g.MapPost("/assessments/{schemeId:long}/publish", PublishAssessment.HandleAsync).WithName("PublishAssessment").WithSummary("发布并锁定考核结果")
            .RequireAuthorization(Policies.Staff);
        g.MapPut("/assessments/{schemeId:long}/public", SetAssessmentPublic.HandleAsync).WithName("SetAssessmentPublic")
            .WithSummary("将已发布的考核结果向社会公开（门户“公开报告”）或撤回公开").RequireAuthorization(Policies.Staff);
        g.MapGet("/assessments/{schemeId:long}/export", ExportAssessment.HandleAsync).WithName("ExportAssessment").WithSummary("导出考核结果（XLSX：排名与评分依据）")
            .RequireAuthorization(Policies.Staff);
    }
}
