using Microsoft.AspNetCore.Mvc;
using Zhichan.Api.Features.Indicators;
using Zhichan.Api.Platform.Files;

namespace Zhichan.Api.Features.Registries.Talent;

/// <summary>服务与人才 · 人才 (issue 21 §3): 知识产权总监, 工程师, 代理师, 高层次人才 with their unit and region, and the counts, the XLSX import/export and 知识产权人才数.</summary>
public sealed class TalentModule : IFeatureModule
{
    public int Order => 61;

    public void AddServices(IServiceCollection services)
    {
        services.AddSingleton<IModuleIndicator>(new TalentCountIndicator(TalentCountIndicator.AllCode, null));
        services.AddSingleton<IModuleIndicator>(new TalentCountIndicator(TalentCountIndicator.DirectorsCode, TalentCategories.IpDirector));
    }

    public void MapEndpoints(IEndpointRouteBuilder app)
    {
        var staff = app.MapGroup("/api/registries/talent").WithTags("Registries").RequireAuthorization(Policies.Staff);
        staff.MapGet("/", ListTalents.HandleAsync).WithName("ListTalents").WithSummary("人才名录（知识产权总监、工程师、专利代理师、高层次人才）");
        staff.MapPost("/", CreateTalent.HandleAsync).WithName("CreateTalent").WithSummary("登记人才");
        staff.MapPut("/{id:long}", UpdateTalent.HandleAsync).WithName("UpdateTalent").WithSummary("修改人才信息（离职填离职日期）");
        staff.MapDelete("/{id:long}", DeleteTalent.HandleAsync).WithName("DeleteTalent").WithSummary("删除误登记的人才");
        staff.MapPost("/import", ImportTalents.HandleAsync).WithName("ImportTalents").WithSummary("从 Excel 导入人才名录（中文表头；逐行报错，出错行不入库）")
            .DisableAntiforgery().WithMetadata(new RequestSizeLimitAttribute(UploadedFiles.MaxFileBytes + 1024 * 1024));
        staff.MapGet("/export", ExportTalents.HandleAsync).WithName("ExportTalents").WithSummary("导出人才名录 Excel（姓名、证书编号脱敏）");
        staff.MapGet("/counts", GetTalentCounts.HandleAsync).WithName("GetTalentCounts").WithSummary("人才数量：按地区、按单位、按类别（某日在册）");
    }
}
