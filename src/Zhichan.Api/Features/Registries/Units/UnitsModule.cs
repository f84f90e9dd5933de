using Microsoft.AspNetCore.Authorization;
using Zhichan.Api.Features.Indicators;
using Zhichan.Api.Platform.Files;

namespace Zhichan.Api.Features.Registries.Units;

/// <summary>
/// 服务与人才 · 试点示范单位, 地理标志, 植物新品种, 非物质文化遗产 (issue 21 part 4): the staff keep the registers, a district reads its
/// region's rows (ADR 0028); the GI register feeds 地理标志商标量.
/// </summary>
public sealed class UnitsModule : IFeatureModule
{
    public int Order => 70;

    public void AddServices(IServiceCollection services)
    {
        services.Configure<AuthorizationOptions>(o => o.AddPolicy(UnitRules.ReadPolicy, p => p.RequireRole(Roles.Admin, Roles.Bureau, Roles.District)));
        services.AddSingleton<IModuleIndicator, GiTrademarksIndicator>();
        services.AddSingleton<IStartupTask, PilotUnitSeeds>();
    }

    public void MapEndpoints(IEndpointRouteBuilder app)
    {
        var read = app.MapGroup("/api/registries").WithTags("Registries").RequireAuthorization(UnitRules.ReadPolicy);
        var write = app.MapGroup("/api/registries").WithTags("Registries").RequireAuthorization(Policies.Staff);
        var upload = new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(UploadedFiles.MaxFileBytes + 1024 * 1024);

        read.MapGet("/unit-options", ListRegistryUnitOptions.Handle).WithName("ListRegistryUnitOptions").WithSummary("试点示范单位、地理标志、植物新品种、非遗的分类选项与导入表头");

        read.MapGet("/pilots", ListPilotUnits.HandleAsync).WithName("ListPilotUnits").WithSummary("试点示范单位（强县、示范园区、试点学校、保护中心、工作站等），可筛选");
        read.MapGet("/pilots/export", ExportPilotUnits.HandleAsync).WithName("ExportPilotUnits").WithSummary("导出试点示范单位（XLSX，表头与导入一致）");
        read.MapGet("/pilots/{id:long}", GetPilotUnit.HandleAsync).WithName("GetPilotUnit").WithSummary("试点示范单位详情：评价记录与附件");
        write.MapPost("/pilots", CreatePilotUnit.HandleAsync).WithName("CreatePilotUnit").WithSummary("登记试点示范单位");
        write.MapPut("/pilots/{id:long}", UpdatePilotUnit.HandleAsync).WithName("UpdatePilotUnit").WithSummary("修改试点示范单位");
        write.MapDelete("/pilots/{id:long}", DeletePilotUnit.HandleAsync).WithName("DeletePilotUnit").WithSummary("删除试点示范单位（连同评价记录与附件）");
        write.MapPost("/pilots/{id:long}/evaluations", AddPilotEvaluation.HandleAsync).WithName("AddPilotEvaluation").WithSummary("登记年度评价或复核结果");
        write.MapDelete("/pilots/{id:long}/evaluations/{evaluationId:long}", DeletePilotEvaluation.HandleAsync).WithName("DeletePilotEvaluation")
            .WithSummary("删除评价记录（连同其材料）");
        write.MapPost("/pilots/import", ImportPilotUnits.HandleAsync).WithName("ImportPilotUnits").WithSummary("从 Excel 导入试点示范单位（中文表头，逐行报错）")
            .DisableAntiforgery().WithMetadata(upload);

        read.MapGet("/gi", ListGeoIndications.HandleAsync).WithName("ListGeoIndications").WithSummary("地理标志（证明商标、集体商标、地理标志产品、农产品地理标志），可筛选");
        read.MapGet("/gi/export", ExportGeoIndications.HandleAsync).WithName("ExportGeoIndications").WithSummary("导出地理标志（XLSX，表头与导入一致）");
        read.MapGet("/gi/{id:long}", GetGeoIndication.HandleAsync).WithName("GetGeoIndication").WithSummary("地理标志详情：授权使用企业与附件");
        write.MapPost("/gi", CreateGeoIndication.HandleAsync).WithName("CreateGeoIndication").WithSummary("登记地理标志");
        write.MapPut("/gi/{id:long}", UpdateGeoIndication.HandleAsync).WithName("UpdateGeoIndication").WithSummary("修改地理标志");
        write.MapDelete("/gi/{id:long}", DeleteGeoIndication.HandleAsync).WithName("DeleteGeoIndication").WithSummary("删除地理标志（连同授权使用企业与附件）");
        write.MapPost("/gi/{id:long}/users", AddGeoIndicationUser.HandleAsync).WithName("AddGeoIndicationUser").WithSummary("添加授权使用企业");
        write.MapDelete("/gi/{id:long}/users/{userId:long}", DeleteGeoIndicationUser.HandleAsync).WithName("DeleteGeoIndicationUser").WithSummary("移除授权使用企业");
        write.MapPost("/gi/import", ImportGeoIndications.HandleAsync).WithName("ImportGeoIndications").WithSummary("从 Excel 导入地理标志（中文表头，逐行报错）")
            .DisableAntiforgery().WithMetadata(upload);

        read.MapGet("/varieties", ListPlantVarieties.HandleAsync).WithName("ListPlantVarieties").WithSummary("植物新品种权，可筛选");
        read.MapGet("/varieties/{id:long}", GetPlantVariety.HandleAsync).WithName("GetPlantVariety").WithSummary("植物新品种权详情与附件");
        write.MapPost("/varieties", CreatePlantVariety.HandleAsync).WithName("CreatePlantVariety").WithSummary("登记植物新品种权");
        write.MapPut("/varieties/{id:long}", UpdatePlantVariety.HandleAsync).WithName("UpdatePlantVariety").WithSummary("修改植物新品种权");
        write.MapDelete("/varieties/{id:long}", DeletePlantVariety.HandleAsync).WithName("DeletePlantVariety").WithSummary("删除植物新品种权（连同附件）");

        read.MapGet("/heritage", ListHeritageItems.HandleAsync).WithName("ListHeritageItems").WithSummary("非物质文化遗产项目，可筛选");
        read.MapGet("/heritage/{id:long}", GetHeritageItem.HandleAsync).WithName("GetHeritageItem").WithSummary("非遗项目详情：传承人（个人信息按角色脱敏）与附件");
        write.MapPost("/heritage", CreateHeritageItem.HandleAsync).WithName("CreateHeritageItem").WithSummary("登记非遗项目及传承人");
        write.MapPut("/heritage/{id:long}", UpdateHeritageItem.HandleAsync).WithName("UpdateHeritageItem").WithSummary("修改非遗项目及传承人");
        write.MapDelete("/heritage/{id:long}", DeleteHeritageItem.HandleAsync).WithName("DeleteHeritageItem").WithSummary("删除非遗项目（连同传承人与附件）");

        write.MapPost("/unit-files/{owner}/{ownerId:long}", UploadRegistryUnitFile.HandleAsync).WithName("UploadRegistryUnitFile")
            .WithSummary("上传附件（试点示范单位 pilot、评价 evaluation、地理标志 gi、植物新品种 variety、非遗 heritage）").DisableAntiforgery().WithMetadata(upload);
        read.MapGet("/unit-files/{id:long}", DownloadRegistryUnitFile.HandleAsync).WithName("DownloadRegistryUnitFile").WithSummary("下载附件");
        write.MapDelete("/unit-files/{id:long}", DeleteRegistryUnitFile.HandleAsync).WithName("DeleteRegistryUnitFile").WithSummary("删除附件");
    }
}
