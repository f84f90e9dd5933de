using Microsoft.AspNetCore.Mvc;
using Zhichan.Api.Platform.Files;

namespace Zhichan.Api.Features.Registries.Experts;

/// <summary>服务与人才 · 专家库 (issue 21 §3): the pool, experts' own profiles, documents, the avoidance check, XLSX import and export.</summary>
public sealed class ExpertsModule : IFeatureModule
{
    public int Order => 60;

    public void AddServices(IServiceCollection services) => services.AddSingleton<IStartupTask, ExpertDemoProfile>();

    public void MapEndpoints(IEndpointRouteBuilder app)
    {
        var upload = new RequestSizeLimitAttribute(UploadedFiles.MaxFileBytes + 1024 * 1024);
        var own = app.MapGroup("/api/registries/experts").WithTags("Registries").RequireAuthorization(Policies.SignedIn);
        own.MapGet("/vocabulary", GetExpertVocabulary.Handle).WithName("GetExpertVocabulary").WithSummary("专业领域目录（IPC 部 A–H 与服务领域）、利害关系类型、文件类别");
        own.MapGet("/mine", GetMyExpertProfile.HandleAsync).WithName("GetMyExpertProfile").WithSummary("本人的专家档案（专家账号；联系方式不脱敏）").ProducesProblem(404);
        own.MapPut("/mine", SaveMyExpertProfile.HandleAsync).WithName("SaveMyExpertProfile").WithSummary("建立或更新本人的专家档案、工作经历和利害关系申报（专家账号）");
        own.MapGet("/{id:long}/documents/{documentId:long}", DownloadExpertDocument.HandleAsync).WithName("DownloadExpertDocument")
            .WithSummary("下载专家档案中的文件（知识产权局，或专家本人）").ProducesProblem(404);

        var staff = app.MapGroup("/api/registries/experts").WithTags("Registries").RequireAuthorization(Policies.Staff);
        staff.MapGet("/", ListExperts.HandleAsync).WithName("ListExperts").WithSummary("专家库（按关键词、专业领域、地区、状态、技术调查官筛选；电话脱敏）");
        staff.MapPost("/", CreateExpert.HandleAsync).WithName("CreateExpert").WithSummary("新增专家");
        staff.MapGet("/{id:long}", GetExpert.HandleAsync).WithName("GetExpert").WithSummary("专家档案（身份证号、电话、邮箱脱敏）").ProducesProblem(404);
        staff.MapPut("/{id:long}", UpdateExpert.HandleAsync).WithName("UpdateExpert").WithSummary("修改专家档案、在库状态、技术调查官标记、聘期、关联账号（脱敏值表示不修改）");
        staff.MapGet("/{id:long}/contacts", GetExpertContacts.HandleAsync).WithName("GetExpertContacts").WithSummary("查看专家联系方式原文（记入审计日志）").ProducesProblem(404);
        staff.MapPost("/{id:long}/documents", UploadExpertDocument.HandleAsync).WithName("UploadExpertDocument").WithSummary("上传聘书等文件（类型、大小、内容经检查）")
            .DisableAntiforgery().WithMetadata(upload);
        staff.MapDelete("/{id:long}/documents/{documentId:long}", DeleteExpertDocument.HandleAsync).WithName("DeleteExpertDocument").WithSummary("删除专家档案中的文件");
        staff.MapPost("/avoidance", CheckExpertAvoidance.HandleAsync).WithName("CheckExpertAvoidance").WithSummary("回避检查：专家 × 当事人（名称、曾用名）→ 利害关系及理由");
        staff.MapGet("/accounts", ListExpertAccounts.HandleAsync).WithName("ListExpertAccounts").WithSummary("专家角色账号及其关联的专家档案");
        staff.MapPost("/import", ImportExperts.HandleAsync).WithName("ImportExperts").WithSummary("从 Excel 导入专家（中文表头；逐行报错，出错行不入库）")
            .DisableAntiforgery().WithMetadata(upload);
        staff.MapGet("/export", ExportExperts.HandleAsync).WithName("ExportExperts").WithSummary("导出专家库 Excel（个人信息脱敏）");
    }
}
