using Zhichan.Api.Features.Records.Imports;
using Zhichan.Api.Features.Records.Search;
using Zhichan.Api.Platform;
using Zhichan.Api.Platform.Jobs;

namespace Zhichan.Api.Features.Records;

public sealed class RecordsModule : IFeatureModule
{
    public int Order => 30;

    public void AddServices(IServiceCollection services)
    {
        services.AddSingleton<RecordsReference>();
        services.AddSingleton<IJobHandler, ImportJob>();
        services.AddSingleton<IStartupTask, ReferenceDataLoader>();
        services.AddSingleton<IStartupTask, DemoRecords>();
        services.AddSingleton<IStartupTask, DeferredIndexesStartup>();
        services.Configure<Microsoft.AspNetCore.Http.Features.FormOptions>(o => o.MultipartBodyLengthLimit = ImportEndpoints.MaxFileBytes + 1024 * 1024);
    }

    public void MapEndpoints(IEndpointRouteBuilder app)
    {
        // public: anyone may search; anonymous callers are rate-limited per IP
        var g = app.MapGroup("/api/records").WithTags("Records").AllowAnonymous().RequireRateLimiting("public");
        g.MapGet("/", SearchRecords.HandleAsync).WithName("SearchRecords").WithSummary("全文检索（中文词/\"短语\"/-排除/OR）、筛选、分面、高亮、排序与深度翻页");
        g.MapGet("/{id:long}", GetRecord.HandleAsync).WithName("GetRecord").WithSummary("记录详情：全部字段、当事人、法律事件、地区与行业归属依据");
        g.MapGet("/export", ExportRecords.HandleAsync).WithName("ExportRecords").WithSummary("导出检索结果（CSV/XLSX，最多 10 万行）");
        g.MapGet("/stats", RecordStats.HandleAsync).WithName("GetRecordStats").WithSummary("数据统计：按年份、类型、城市、法律状态");
        app.MapGet("/api/regions", Regions.Handle).WithTags("Records").WithName("ListRegions").WithSummary("行政区划（省，或某地区的下级）").AllowAnonymous();
        app.MapImports();
    }
}
