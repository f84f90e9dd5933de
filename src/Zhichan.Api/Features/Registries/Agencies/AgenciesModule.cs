using Microsoft.Extensions.DependencyInjection.Extensions;
using Zhichan.Api.Features.Indicators;
using Zhichan.Api.Features.Registries.Agencies.Grading;
using Zhichan.Api.Features.Registries.Agencies.Inspections;
using Zhichan.Api.Platform.Security;

namespace Zhichan.Api.Features.Registries.Agencies;

/// <summary>服务与人才 · 服务机构: the register, agencies' own changes, annual reports, 分级分类评价, 双随机一公开, the public directory.</summary>
public sealed class AgenciesModule : IFeatureModule
{
    public int Order => 70;

    public void AddServices(IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<IModuleIndicator, AgencyCountIndicator>();
        services.AddSingleton<IStartupTask, AgencyDemo>();
    }

    public void MapEndpoints(IEndpointRouteBuilder app)
    {
        var pub = app.MapGroup("/api/public").WithTags("Registries").AllowAnonymous().RequireRateLimiting(RateLimits.Public);
        pub.MapGet("/agencies", ListPublicAgencies.HandleAsync).WithName("ListPublicAgencies").WithSummary("知识产权服务机构名录（公开：等级、服务类别、服务内容、业务联系方式）");
        pub.MapGet("/inspections/draws", ListPublicInspectionDraws.HandleAsync).WithName("ListPublicInspectionDraws").WithSummary("双随机抽查公示（含已重新抽取作废的及理由）");
        pub.MapGet("/inspections/draws/{id:long}", GetPublicInspectionDraw.HandleAsync).WithName("GetPublicInspectionDraw").WithSummary("一次抽查的公示：随机种子、算法版本、全部输入、抽取结果和检查结果");
        pub.MapGet("/inspections/draws/{id:long}/verify", VerifyInspectionDraw.HandleAsync).WithName("VerifyInspectionDraw").WithSummary("用公示的种子和输入重新运行抽取并与公示结果比对");
        pub.MapPost("/inspections/verify", RerunInspectionDraw.Handle).WithName("RerunInspectionDraw").WithSummary("对提交的种子和输入运行抽取算法（任何人可独立复核）")
            .DisableAntiforgery();

        var mine = app.MapGroup("/api/registries/agencies/mine").WithTags("Registries").RequireAuthorization(p => p.RequireRole(Roles.Agency));
        mine.MapGet("/", GetMyAgency.HandleAsync).WithName("GetMyAgency").WithSummary("本机构的登记信息、变更申请、年度报告、评价结果和抽查结果（服务机构账号）");
        mine.MapPost("/changes", RequestAgencyChange.HandleAsync).WithName("RequestAgencyChange").WithSummary("提交本机构信息变更（知识产权局审核通过后生效）");
        mine.MapPost("/annual-reports", SubmitAnnualReport.HandleAsync).WithName("SubmitAnnualReport").WithSummary("报送本机构年度报告");
        mine.MapPost("/gradings/{gradingId:long}/objection", FileGradeObjection.HandleAsync).WithName("FileGradeObjection").WithSummary("在异议期内对评价结果提出异议");

        var staff = app.MapGroup("/api/registries/agencies").WithTags("Registries").RequireAuthorization(Policies.Staff);
        staff.MapGet("/", ListAgencies.HandleAsync).WithName("ListAgencies").WithSummary("服务机构名录（联系人信息已脱敏）");
        staff.MapPost("/", CreateAgency.HandleAsync).WithName("CreateAgency").WithSummary("登记服务机构");
        staff.MapGet("/{id:long}", GetAgency.HandleAsync).WithName("GetAgency").WithSummary("服务机构详情：登记信息、年度报告、评价事项、评价历史、变更、抽查");
        staff.MapPut("/{id:long}", UpdateAgency.HandleAsync).WithName("UpdateAgency").WithSummary("修改服务机构登记信息");
        staff.MapPost("/{id:long}/annual-reports", RecordAnnualReport.HandleAsync).WithName("RecordAnnualReport").WithSummary("登记年度报告及报送日期");
        staff.MapPost("/{id:long}/events", AddAgencyEvent.HandleAsync).WithName("AddAgencyEvent").WithSummary("记录评价事项（投诉属实、表彰奖励、其他来源的失信记录）");
        staff.MapDelete("/{id:long}/events/{eventId:long}", DeleteAgencyEvent.HandleAsync).WithName("DeleteAgencyEvent").WithSummary("删除误录的评价事项");
        staff.MapPost("/import", ImportAgencies.HandleAsync).WithName("ImportAgencies").WithSummary("从 Excel（中文表头）导入服务机构，逐行报告错误")
            .Accepts<IFormFile>("multipart/form-data").DisableAntiforgery();
        staff.MapGet("/export", ExportAgencies.HandleAsync).WithName("ExportAgencies").WithSummary("导出服务机构名录（Excel，个人信息已脱敏）").RequireRateLimiting(RateLimits.Export);
        staff.MapGet("/changes", ListAgencyChanges.HandleAsync).WithName("ListAgencyChanges").WithSummary("服务机构提交的信息变更（默认待审核）");
        staff.MapPost("/changes/{id:long}/decision", DecideAgencyChange.HandleAsync).WithName("DecideAgencyChange").WithSummary("审核信息变更：通过即生效，不通过须说明理由");
        staff.MapGet("/grading-rules", GetAgencyGradingRules.HandleAsync).WithName("GetAgencyGradingRules").WithSummary("分级分类评价规则表（现行版本及历史版本）");
        staff.MapPut("/grading-rules", UpdateAgencyGradingRules.HandleAsync).WithName("UpdateAgencyGradingRules").WithSummary("修订评价规则表（生成新版本）");
        staff.MapPost("/gradings", ComputeAgencyGrades.HandleAsync).WithName("ComputeAgencyGrades").WithSummary("按现行规则计算某年度全部在册机构的评价等级（待发布）");
        staff.MapGet("/gradings", ListAgencyGrades.HandleAsync).WithName("ListAgencyGrades").WithSummary("评价结果及逐项得分明细");
        staff.MapPost("/gradings/publish", PublishAgencyGrades.HandleAsync).WithName("PublishAgencyGrades").WithSummary("发布某年度评价结果并开始异议期");
        staff.MapGet("/objections", ListGradeObjections.HandleAsync).WithName("ListGradeObjections").WithSummary("评价异议");
        staff.MapPost("/objections/{id:long}/decision", DecideGradeObjection.HandleAsync).WithName("DecideGradeObjection").WithSummary("处理评价异议（成立则按更正后的事项重新评价）");

        var ins = app.MapGroup("/api/registries/inspections").WithTags("Registries").RequireAuthorization(Policies.Staff);
        ins.MapGet("/items", ListInspectionItems.HandleAsync).WithName("ListInspectionItems").WithSummary("抽查事项清单（重点/一般）");
        ins.MapPost("/items", CreateInspectionItem.HandleAsync).WithName("CreateInspectionItem").WithSummary("新增抽查事项");
        ins.MapPut("/items/{id:long}", UpdateInspectionItem.HandleAsync).WithName("UpdateInspectionItem").WithSummary("修改或停用抽查事项");
        ins.MapGet("/inspectors", ListInspectors.HandleAsync).WithName("ListInspectors").WithSummary("执法检查人员名录及申报的关联关系");
        ins.MapPost("/inspectors", CreateInspector.HandleAsync).WithName("CreateInspector").WithSummary("新增执法检查人员");
        ins.MapPut("/inspectors/{id:long}", UpdateInspector.HandleAsync).WithName("UpdateInspector").WithSummary("修改执法检查人员（含停用）");
        ins.MapPost("/inspectors/{id:long}/relations", AddInspectorRelation.HandleAsync).WithName("AddInspectorRelation").WithSummary("登记检查人员申报的与服务机构的关联关系（回避）");
        ins.MapDelete("/inspectors/{id:long}/relations/{relationId:long}", RemoveInspectorRelation.HandleAsync).WithName("RemoveInspectorRelation").WithSummary("删除关联关系");
        ins.MapGet("/rules", GetInspectionRules.HandleAsync).WithName("GetInspectionRules").WithSummary("抽取规则（比例、按等级的权重、每对象人数、回避）");
        ins.MapPut("/rules", UpdateInspectionRules.HandleAsync).WithName("UpdateInspectionRules").WithSummary("修订抽取规则（生成新版本）");
        ins.MapGet("/draws", ListInspectionDraws.HandleAsync).WithName("ListInspectionDraws").WithSummary("抽查记录（含被重新抽取取代的）");
        ins.MapPost("/draws", DrawInspections.HandleAsync).WithName("DrawInspections").WithSummary("双随机抽取：以密码学随机种子抽取检查对象和检查人员，记录种子和全部输入");
        ins.MapGet("/draws/{id:long}", GetInspectionDraw.HandleAsync).WithName("GetInspectionDraw").WithSummary("抽查详情");
        ins.MapPost("/draws/{id:long}/redraw", RedrawInspections.HandleAsync).WithName("RedrawInspections").WithSummary("重新抽取（须说明理由；原抽查保留并标为作废）");
        ins.MapPost("/draws/{id:long}/publish", PublishInspectionDraw.HandleAsync).WithName("PublishInspectionDraw").WithSummary("公示抽查名单（种子、输入和结果公开可复核）");
        ins.MapPut("/draws/{id:long}/results/{agencyId:long}", RecordInspectionResult.HandleAsync).WithName("RecordInspectionResult").WithSummary("录入检查结果");
        ins.MapPost("/draws/{id:long}/results/publish", PublishInspectionResults.HandleAsync).WithName("PublishInspectionResults").WithSummary("公示检查结果");
    }
}
