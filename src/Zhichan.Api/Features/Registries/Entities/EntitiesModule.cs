using Microsoft.AspNetCore.Mvc;
using Zhichan.Api.Features.Indicators;
using Zhichan.Api.Platform.Jobs;
using Zhichan.Api.Platform.Security;

namespace Zhichan.Api.Features.Registries.Entities;

/// <summary>
/// 服务与人才 · 创新主体 (issue 21 part 1): the entity master on the entities table, resolution of record applicants with persistent
/// ids (rules, merges, splits, corrections), the enterprise's own page, label indicators, XLSX import and export.
/// </summary>
public sealed class EntitiesModule : IFeatureModule
{
    public int Order => 50;

    public void AddServices(IServiceCollection services)
    {
        services.AddSingleton<IJobHandler, EntityResolutionJob>();
        services.AddSingleton<IModuleIndicator, StandardCompliantEnterprises>();
        services.AddSingleton<IModuleIndicator, DemoEnterprises>();
        if (!Platform.Database.DatabaseSetup.IsBuildTimeDocumentGeneration) services.AddHostedService<ResolveAfterImports>();
    }

    public void MapEndpoints(IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/registries/entities").WithTags("Registries").RequireAuthorization(Policies.SignedIn);
        g.MapGet("/", ListEntities.HandleAsync).WithName("ListEntities").RequireAuthorization(Policies.Government)
            .WithSummary("创新主体库：按名称（含曾用名、别名）或统一社会信用代码检索，按类型、地区、标签筛选（县区只见本辖区；成员单位无权）");
        g.MapGet("/export", ExportEntities.HandleAsync).WithName("ExportEntities").RequireAuthorization(Policies.Government).RequireRateLimiting(RateLimits.Export)
            .WithSummary("导出主体清单（XLSX，中文表头与导入一致，联系人脱敏）");
        g.MapPost("/import", ImportEntities.HandleAsync).WithName("ImportEntities").RequireAuthorization(Policies.Staff)
            .WithSummary("从 Excel 导入主体清单（中文表头；逐行校验含统一社会信用代码，有错误的行整行不导入并给出原因）")
            .DisableAntiforgery().WithMetadata(new RequestSizeLimitAttribute(ImportEntities.MaxBytes + 1024 * 1024));
        g.MapPost("/", CreateEntity.HandleAsync).WithName("CreateEntity").RequireAuthorization(Policies.Staff)
            .WithSummary("登记主体（记录中已有的申请人沿用其主体编号）");
        g.MapGet("/mine", GetMyEntity.HandleAsync).WithName("GetMyEntity").WithSummary("企业本单位的主体（企业账号）");
        g.MapGet("/{id:long}", GetEntity.HandleAsync).WithName("GetEntity")
            .WithSummary("主体详情：基本信息、名称沿革、标签、联系人（脱敏）、关联规则汇总、专利统计、变更记录；已合并的编号返回合并后的主体");
        g.MapPut("/{id:long}", UpdateEntity.HandleAsync).WithName("UpdateEntity").RequireAuthorization(Policies.Staff)
            .WithSummary("修改主体信息（更名时原名称转为曾用名；关联企业账号单位）");
        g.MapPut("/{id:long}/credit-code-exception", SetCreditCodeException.HandleAsync).WithName("SetCreditCodeException").RequireAuthorization(Policies.Admin)
            .WithSummary("管理员登记统一社会信用代码校验例外（早期代码未通过 GB 32100 校验），须说明原因");
        g.MapPost("/{id:long}/names", AddEntityName.HandleAsync).WithName("AddEntityName").RequireAuthorization(Policies.Staff)
            .WithSummary("登记曾用名或别名（该名称下的记录归入本主体）");
        g.MapPost("/{id:long}/labels", AddEntityLabel.HandleAsync).WithName("AddEntityLabel").RequireAuthorization(Policies.Staff)
            .WithSummary("登记标签（高新技术企业、专精特新、知识产权示范/优势企业、贯标证书），含日期和来源");
        g.MapPut("/{id:long}/labels/{labelId:long}", UpdateEntityLabel.HandleAsync).WithName("UpdateEntityLabel").RequireAuthorization(Policies.Staff)
            .WithSummary("修改或撤销标签");
        g.MapGet("/{id:long}/contacts", ListEntityContacts.HandleAsync).WithName("ListEntityContacts")
            .WithSummary("联系人完整信息（知识产权局编辑用，读取记入审计日志；企业本单位）");
        g.MapPost("/{id:long}/contacts", AddEntityContact.HandleAsync).WithName("AddEntityContact").RequireAuthorization(Policies.Staff).WithSummary("添加联系人");
        g.MapPut("/{id:long}/contacts/{contactId:long}", UpdateEntityContact.HandleAsync).WithName("UpdateEntityContact").RequireAuthorization(Policies.Staff)
            .WithSummary("修改联系人");
        g.MapDelete("/{id:long}/contacts/{contactId:long}", DeleteEntityContact.HandleAsync).WithName("DeleteEntityContact").RequireAuthorization(Policies.Staff)
            .WithSummary("删除联系人");
        g.MapPost("/{id:long}/merge", MergeEntities.HandleAsync).WithName("MergeEntities").RequireAuthorization(Policies.Staff)
            .WithSummary("把另一主体并入本主体（记录、名称、标签随之转移，原编号保留为跳转）");
        g.MapPost("/{id:long}/split", SplitEntity.HandleAsync).WithName("SplitEntity").RequireAuthorization(Policies.Staff)
            .WithSummary("把若干曾用名/别名拆分为独立主体（撤销合并时恢复原编号）");
        g.MapGet("/{id:long}/records", ListEntityRecords.HandleAsync).WithName("ListEntityRecords").WithSummary("主体的专利等记录（关联规则与置信度）");
        g.MapGet("/{id:long}/legal-events", ListEntityLegalEvents.HandleAsync).WithName("ListEntityLegalEvents").WithSummary("主体记录的法律状态事件");
        g.MapPost("/{id:long}/corrections", RequestEntityCorrection.HandleAsync).WithName("RequestEntityCorrection")
            .WithSummary("提出更正申请：认领记录（这些是本单位的）或排除记录（这些不是本单位的）");

        var c = app.MapGroup("/api/registries/entity-corrections").WithTags("Registries").RequireAuthorization(Policies.SignedIn);
        c.MapGet("/", ListEntityCorrections.HandleAsync).WithName("ListEntityCorrections").WithSummary("更正申请（知识产权局全部；企业本单位）");
        c.MapPost("/{id:long}/review", ReviewEntityCorrection.HandleAsync).WithName("ReviewEntityCorrection").RequireAuthorization(Policies.Staff)
            .WithSummary("审核更正申请：接受（调整关联，之后的导入不会撤销）或驳回");

        var l = app.MapGroup("/api/registries/entity-links").WithTags("Registries").RequireAuthorization(Policies.Staff);
        l.MapPut("/", SetEntityLink.HandleAsync).WithName("SetEntityLink").WithSummary("人工关联记录的某一申请人到主体，或撤销人工关联");

        var r = app.MapGroup("/api/registries/entity-resolution").WithTags("Registries").RequireAuthorization(Policies.Staff);
        r.MapPost("/", ResolveEntities.HandleAsync).WithName("ResolveEntities").WithSummary("重新解析记录申请人与主体的关联（后台任务）");
        r.MapGet("/", GetEntityResolution.HandleAsync).WithName("GetEntityResolution").WithSummary("解析任务的状态与最近运行情况");
    }
}
