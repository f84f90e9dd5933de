using Zhichan.Api.Platform.Jobs;

namespace Zhichan.Api.Features.Indicators;

/// <summary>Indicators (目标考核): the catalogue, values computed from the records or reported by their owners, population, custom units.</summary>

public sealed class IndicatorsModule : IFeatureModule
{
    public int Order => 40;

    public void AddServices(IServiceCollection services)
    {
        services.AddSingleton<IndicatorComputer>();
        services.AddSingleton<IJobHandler, RecomputeIndicatorsJob>();
        services.AddSingleton<IStartupTask, IndicatorCatalogueLoader>();
        services.AddSingleton<IStartupTask, PublishedValuesLoader>();
        if (!Platform.Database.DatabaseSetup.IsBuildTimeDocumentGeneration) services.AddHostedService<RecomputeAfterImports>();
    }

    public void MapEndpoints(IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/indicators").WithTags("Indicators").RequireAuthorization(Policies.Government);
        g.MapGet("/", ListIndicators.HandleAsync).WithName("ListIndicators").WithSummary("指标目录：定义、单位、方向、计数规则、时间口径、来源与当前版本");
        g.MapGet("/{code}", GetIndicator.HandleAsync).WithName("GetIndicator").WithSummary("指标定义及全部历史版本");
        g.MapPut("/{code}", UpdateIndicatorDefinition.HandleAsync).WithName("UpdateIndicatorDefinition").WithSummary("修改指标定义（生成新版本，已有数值保留原版本）")
            .RequireAuthorization(Policies.Staff);
        g.MapGet("/{code}/values", GetIndicatorValues.HandleAsync).WithName("GetIndicatorValues")
            .WithSummary("指标数值：按地区与年份，含定义版本、数据截至时间、人口数及口径、下钻链接；无数据时明确标注");
        g.MapGet("/{code}/values/records", GetIndicatorValueRecords.HandleAsync).WithName("GetIndicatorValueRecords").WithSummary("下钻：构成某一数值的记录清单");
        g.MapGet("/{code}/values/rows", GetIndicatorValueRows.HandleAsync).WithName("GetIndicatorValueRows").WithSummary("下钻：构成某一业务模块统计数值的业务清单（服务机构、培训签到、贯标证书等）");
        g.MapPost("/{code}/values", ReportIndicatorValue.HandleAsync).WithName("ReportIndicatorValue").WithSummary("填报指标数值（非数据中心计算的指标，由责任单位填报，待审核）");
        g.MapPost("/values/{id:long}/review", ReviewIndicatorValue.HandleAsync).WithName("ReviewIndicatorValue").WithSummary("审核填报的指标数值（通过/退回）")
            .RequireAuthorization(Policies.Staff);
        g.MapPost("/recompute", RecomputeIndicators.HandleAsync).WithName("RecomputeIndicators").WithSummary("重新计算全部数据中心指标（后台任务，可查看进度）")
            .RequireAuthorization(Policies.Staff);
        g.MapGet("/population", ListPopulation.HandleAsync).WithName("ListPopulation").WithSummary("人均指标所用的人口数（年份、口径、来源）");
        g.MapPut("/population", SavePopulation.HandleAsync).WithName("SavePopulation").WithSummary("新增或更正人口数（须写明口径与来源；随后自动重新计算）")
            .RequireAuthorization(Policies.Staff);
        g.MapGet("/values/{id:long}/versions", ListIndicatorValueVersions.HandleAsync).WithName("ListIndicatorValueVersions")
            .WithSummary("一个指标数值的全部版本（当前值与被后来审核通过的报告取代的历史值）");
        g.MapGet("/units", ListCustomUnits.HandleAsync).WithName("ListCustomUnits").WithSummary("自定义考核单元（由若干地区组成，如沿海三区）");
        g.MapPost("/units", CreateCustomUnit.HandleAsync).WithName("CreateCustomUnit").WithSummary("新建自定义考核单元（成员为行政区划代码；随后自动重新计算）")
            .RequireAuthorization(Policies.Staff);
        g.MapPut("/units/{id:long}", UpdateCustomUnit.HandleAsync).WithName("UpdateCustomUnit").WithSummary("修改自定义考核单元的名称或成员（随后自动重新计算）")
            .RequireAuthorization(Policies.Staff);
        g.MapGet("/computations", ListIndicatorComputations.HandleAsync).WithName("ListIndicatorComputations").WithSummary("最近的指标计算任务及进度");
    }
}
