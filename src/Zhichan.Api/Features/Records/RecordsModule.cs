using Zhichan.Api.Platform.Security;
using Microsoft.AspNetCore.Mvc;
using Zhichan.Api.Features.Records.Imports;
using Zhichan.Api.Features.Records.SavedSearches;
using Zhichan.Api.Features.Records.Search;
using Zhichan.Api.Platform.Jobs;

namespace Zhichan.Api.Features.Records;

public sealed class RecordsModule : IFeatureModule
{
    public int Order => 30;

    public void AddServices(IServiceCollection services)
    {
        services.AddSingleton<RecordsReference>();
        services.AddSingleton<Search.SearchCache>();
        services.AddSingleton<IJobHandler, ImportJob>();
        services.AddSingleton<IJobHandler, Attribution.ReattributionJob>();
        services.AddSingleton<IStartupTask, Attribution.ReattributionStartup>();
        services.AddSingleton<IStartupTask, ReferenceDataLoader>();
        services.AddSingleton<IStartupTask, DemoRecords>();
        services.AddSingleton<IStartupTask, DeferredIndexesStartup>();
        services.Configure<Microsoft.AspNetCore.Http.Features.FormOptions>(o => o.MultipartBodyLengthLimit = CreateImport.MaxRequestBytes);
    }

    public void MapEndpoints(IEndpointRouteBuilder app)
    {
        // public: anyone may search; anonymous callers are rate-limited per IP
        var g = app.MapGroup("/api/records").WithTags("Records").AllowAnonymous().RequireRateLimiting(Platform.Security.RateLimits.Public);
        g.MapGet("/", SearchRecords.HandleAsync).WithName("SearchRecords")
            .WithSummary("检索：号码（申请号/公开号/优先权号，可多个）、检索式（词、\"短语\"、字段代码、AND/OR/NOT、括号）、筛选、分面、高亮、排序与深度翻页")
            .WithDescription(SearchRecords.Description).ShedUnderLoad(LoadShedding.Search);
        g.MapGet("/{id:long}", GetRecord.HandleAsync).WithName("GetRecord").WithSummary("记录详情：全部字段、当事人、法律事件、地区与行业归属依据");
        g.MapGet("/export", ExportRecords.HandleAsync).WithName("ExportRecords").WithSummary("导出检索结果（CSV/XLSX；登录用户最多 10 万行，匿名最多 1000 行且每小时限次）")
            .RequireRateLimiting(Platform.Security.RateLimits.Export).ShedUnderLoad(LoadShedding.Export);
        g.MapGet("/stats", RecordStats.HandleAsync).WithName("GetRecordStats").WithSummary("数据统计：按年份、类型、城市、法律状态").ShedUnderLoad(LoadShedding.Search);
        // each signed-in user's own saved searches
        var saved = app.MapGroup("/api/saved-searches").WithTags("Records").RequireAuthorization(Policies.SignedIn);
        saved.MapGet("/", ListSavedSearches.HandleAsync).WithName("ListSavedSearches").WithSummary("我保存的检索（检索式与筛选条件）");
        saved.MapPost("/", CreateSavedSearch.HandleAsync).WithName("CreateSavedSearch").WithSummary("保存当前检索（名称、检索式、筛选条件）");
        saved.MapPut("/{id:long}", UpdateSavedSearch.HandleAsync).WithName("UpdateSavedSearch").WithSummary("修改保存的检索（重命名或替换检索条件）");
        saved.MapDelete("/{id:long}", DeleteSavedSearch.HandleAsync).WithName("DeleteSavedSearch").WithSummary("删除保存的检索");
        app.MapGet("/api/regions", Regions.Handle).WithTags("Records").WithName("ListRegions").WithSummary("行政区划（省，或某地区的下级）").AllowAnonymous();

        // uploading, following and inspecting imports: bureau staff and admins only
        var imports = app.MapGroup("/api/imports").WithTags("Records").RequireAuthorization(Policies.Staff);
        imports.MapPost("/", CreateImport.HandleAsync).WithName("CreateImport").WithSummary("上传文件并创建导入任务（CSV/XLSX、CNIPA 法律状态、CNIPA XML、WIPO ST.36/ST.96、EPO DOCDB，或由它们组成的 ZIP 包）")
            .DisableAntiforgery().WithMetadata(new RequestSizeLimitAttribute(CreateImport.MaxRequestBytes));
        imports.MapGet("/", ListImports.HandleAsync).WithName("ListImports").WithSummary("导入任务列表");
        imports.MapGet("/{id:long}", GetImport.HandleAsync).WithName("GetImport").WithSummary("导入任务状态与进度");
        imports.MapPost("/{id:long}/retry", RetryImport.HandleAsync).WithName("RetryImport").WithSummary("重新执行失败的导入：跳过已提交的批次，从中断处继续");
        imports.MapGet("/reattribution", GetReattribution.HandleAsync).WithName("GetReattribution").WithSummary("存量记录的归属规则版本与最近一次重新归属任务");
        imports.MapPost("/reattribution", ReattributeRecords.HandleAsync).WithName("ReattributeRecords").WithSummary("按现行规则重新归属全部存量记录的地区与行业（随后重算指标）");
        imports.MapGet("/{id:long}/rejections", ListImportRejections.HandleAsync).WithName("ListImportRejections").WithSummary("被拒绝的行（format=csv 下载）");
        imports.MapPost("/preview", PreviewImport.HandleAsync).WithName("PreviewImport").WithSummary("预览表格的列与前几行，并建议列映射")
            .DisableAntiforgery().WithMetadata(new RequestSizeLimitAttribute(CreateImport.MaxRequestBytes));
        var mappings = app.MapGroup("/api/import-mappings").WithTags("Records").RequireAuthorization(Policies.Staff);
        mappings.MapGet("/", ListImportMappings.HandleAsync).WithName("ListImportMappings").WithSummary("已保存的列映射（含内置格式）");
        mappings.MapPost("/", CreateImportMapping.HandleAsync).WithName("CreateImportMapping").WithSummary("保存列映射");
    }
}
