using Zhichan.Api.Platform;
using Zhichan.Api.Platform.Auth;

namespace Zhichan.Api.Features.Plans;

public sealed class PlansModule : IFeatureModule
{
    public int Order => 41;

    public void AddServices(IServiceCollection services) => services.AddSingleton<IStartupTask, PlanSeedLoader>();

    public void MapEndpoints(IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/plans").WithTags("Plans").RequireAuthorization(Policies.Government);
        g.MapGet("/", PlansApi.ListAsync).WithName("ListPlans").WithSummary("工作方案列表（辖区、期限、目标与任务完成概况）");
        g.MapGet("/{id:long}", PlansApi.GetAsync).WithName("GetPlan")
            .WithSummary("工作方案详情：实施步骤、主要目标及进度、重点任务（县区/成员单位只见本单位任务）、按牵头单位统计、预警");
        g.MapGet("/{id:long}/warnings", PlansApi.WarningsAsync).WithName("ListPlanWarnings").WithSummary("预警：任务逾期、目标按趋势预计未达成");
        g.MapPost("/{id:long}/tasks", PlansApi.CreateTaskAsync).WithName("CreatePlanTask").WithSummary("新增重点任务（指定牵头/配合单位、期限）")
            .RequireAuthorization(Policies.Staff);
        g.MapPut("/tasks/{taskId:long}", PlansApi.UpdateTaskAsync).WithName("UpdatePlanTask").WithSummary("修改任务期限、状态、节点").RequireAuthorization(Policies.Staff);
        g.MapGet("/tasks", PlansApi.ListTasksAsync).WithName("ListPlanTasks").WithSummary("任务清单（本单位任务；可按方案、牵头单位、状态筛选）");
        g.MapGet("/tasks/{taskId:long}/reports", ProgressReports.ListForTaskAsync).WithName("ListTaskProgressReports").WithSummary("任务的进展报告");
        g.MapPost("/tasks/{taskId:long}/reports", ProgressReports.SubmitAsync).WithName("SubmitProgressReport").WithSummary("报送任务进展（本单位承担的任务）");
        g.MapGet("/reports", ProgressReports.ListAsync).WithName("ListProgressReports").WithSummary("进展报告（知识产权局：全部/待审核；其他单位：本单位）");
        g.MapPost("/reports/{reportId:long}/review", ProgressReports.ReviewAsync).WithName("ReviewProgressReport").WithSummary("审核进展报告（通过/退回）")
            .RequireAuthorization(Policies.Staff);
        g.MapGet("/notices", Notices.ListAsync).WithName("ListSupervisionNotices").WithSummary("督查通报（知识产权局：全部；其他单位：发给本单位的）");
        g.MapPost("/notices", Notices.CreateAsync).WithName("CreateSupervisionNotice").WithSummary("发布督查通报").RequireAuthorization(Policies.Staff);
        g.MapPost("/notices/{noticeId:long}/read", Notices.MarkReadAsync).WithName("MarkSupervisionNoticeRead").WithSummary("标记通报已读");
        ProgressReportAttachments.Map(g);
        AssessmentReport.Map(g);
        AssessmentsApi.Map(g);
    }
}
