using Microsoft.Extensions.DependencyInjection.Extensions;
using Zhichan.Api.Platform.Security;

namespace Zhichan.Api.Features.Programmes;

/// <summary>申报评审: programme types, calls, applications and the formal check (the engine's first stages, ADR 0040).</summary>
public sealed class ProgrammesModule : IFeatureModule
{
    public int Order => 96;

    /// <summary>Who reads applications (row-filtered, ADR 0040) and who applies (an enterprise or agency account for its unit).</summary>
    private static readonly string[] Readers = [Roles.Admin, Roles.Bureau, Roles.District, Roles.Enterprise, Roles.Agency];
    private static readonly string[] Applicants = [Roles.Enterprise, Roles.Agency];

    public void AddServices(IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<IStartupTask, ProgrammeTypeSeeds>();
        services.AddSingleton<IStartupTask, ProgrammeExampleCalls>();
    }

    public void MapEndpoints(IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/programmes").WithTags("Programmes");
        g.MapGet("/", ListProgrammes.HandleAsync).WithName("ListProgrammes").WithSummary("申报项目及其批次（公开：启用的项目和已发布的批次；市局：全部及申报数）")
            .AllowAnonymous().RequireRateLimiting(RateLimits.Public);
        g.MapGet("/{id:long}", GetProgramme.HandleAsync).WithName("GetProgramme").WithSummary("申报项目详情：申报表、附件、承诺、资格条件及依据、评分表、等级和批次")
            .AllowAnonymous().RequireRateLimiting(RateLimits.Public);

        g.MapGet("/calls/{id:long}", GetProgrammeCall.HandleAsync).WithName("GetProgrammeCall").WithSummary("申报批次（已发布的公开；市局可看全部）")
            .AllowAnonymous().RequireRateLimiting(RateLimits.Public);
        g.MapPost("/calls", CreateProgrammeCall.HandleAsync).WithName("CreateProgrammeCall").WithSummary("新建申报批次（年度、各阶段时间、预算、名额）")
            .RequireAuthorization(Policies.Staff);
        g.MapPut("/calls/{id:long}", UpdateProgrammeCall.HandleAsync).WithName("UpdateProgrammeCall").WithSummary("修改未发布或申报中的批次")
            .RequireAuthorization(Policies.Staff);
        g.MapPost("/calls/{id:long}/open", OpenProgrammeCall.HandleAsync).WithName("OpenProgrammeCall").WithSummary("发布批次（在门户公开）")
            .RequireAuthorization(Policies.Staff);
        g.MapPost("/calls/{id:long}/close", CloseProgrammeCall.HandleAsync).WithName("CloseProgrammeCall").WithSummary("结束批次")
            .RequireAuthorization(Policies.Staff);

        var a = g.MapGroup("/applications");
        a.MapGet("/", ListProgrammeApplications.HandleAsync).WithName("ListProgrammeApplications").WithSummary("申报列表（申报单位本单位、县区本辖区、市局全部；按批次、状态筛选）")
            .RequireAuthorization(p => p.RequireRole(Readers));
        a.MapPost("/", CreateProgrammeApplication.HandleAsync).WithName("CreateProgrammeApplication").WithSummary("新建申报草稿")
            .RequireAuthorization(p => p.RequireRole(Applicants));
        a.MapGet("/{id:long}", GetProgrammeApplication.HandleAsync).WithName("GetProgrammeApplication").WithSummary("申报详情：表单、附件、资格核验、办理记录、可办事项")
            .RequireAuthorization(p => p.RequireRole(Readers));
        a.MapPut("/{id:long}", UpdateProgrammeApplication.HandleAsync).WithName("UpdateProgrammeApplication").WithSummary("保存申报表和承诺（草稿或补正中）")
            .RequireAuthorization(p => p.RequireRole(Applicants));
        a.MapGet("/{id:long}/eligibility", CheckProgrammeEligibility.HandleAsync).WithName("CheckProgrammeEligibility").WithSummary("按平台数据核验资格条件（逐条给出结论、依据和来源）")
            .RequireAuthorization(p => p.RequireRole(Readers));
        a.MapPost("/{id:long}/submit", SubmitApplication.HandleAsync).WithName("SubmitApplication").WithSummary("提交申报（申报期内；资格条件不符合的不能提交）")
            .RequireAuthorization(p => p.RequireRole(Applicants));
        a.MapPost("/{id:long}/resubmit", ResubmitProgrammeApplication.HandleAsync).WithName("ResubmitProgrammeApplication").WithSummary("补正后重新提交")
            .RequireAuthorization(p => p.RequireRole(Applicants));
        a.MapPost("/{id:long}/withdraw", WithdrawProgrammeApplication.HandleAsync).WithName("WithdrawProgrammeApplication").WithSummary("撤回申报")
            .RequireAuthorization(p => p.RequireRole(Applicants));
        a.MapPost("/{id:long}/recommendation", RecommendProgrammeApplication.HandleAsync).WithName("RecommendProgrammeApplication").WithSummary("县区推荐意见（推荐或不予推荐）")
            .RequireAuthorization(p => p.RequireRole(Roles.District));
        a.MapPost("/{id:long}/formal-check", CheckProgrammeApplication.HandleAsync).WithName("CheckProgrammeApplication").WithSummary("形式审查：通过、要求补正（期限按工作日）或不予受理")
            .RequireAuthorization(Policies.Staff);
        a.MapPost("/{id:long}/files", UploadProgrammeApplicationFile.HandleAsync).WithName("UploadProgrammeApplicationFile").WithSummary("上传申报附件（按附件类别）")
            .RequireAuthorization(p => p.RequireRole(Applicants)).Accepts<IFormFile>("multipart/form-data").DisableAntiforgery();
        g.MapGet("/application-files/{fileId:long}", DownloadProgrammeApplicationFile.HandleAsync).WithName("DownloadProgrammeApplicationFile").WithSummary("下载申报附件")
            .RequireAuthorization(p => p.RequireRole(Readers));
        g.MapDelete("/application-files/{fileId:long}", DeleteProgrammeApplicationFile.HandleAsync).WithName("DeleteProgrammeApplicationFile").WithSummary("删除申报附件")
            .RequireAuthorization(p => p.RequireRole(Applicants));
    }
}
