using Zhichan.Api.Platform.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.OpenApi;

namespace Zhichan.Api.Features.Portal.Open;

/// <summary>
/// 开放数据接口 (issue 25 §2, ADR 0055, 0056): the open endpoints under /api/open/v1 for partner platforms (省平台对接),
/// authenticated by API key with a scope per kind of data, limited per key; documented apart in the OpenAPI document
/// <c>open-v1</c> (/openapi/open-v1.json); and the admin's key management under /api/admin/api-keys.
/// </summary>
public sealed class OpenModule : IFeatureModule
{
    public const string Document = "open-v1";

    public int Order => 140;

    public void AddServices(IServiceCollection services)
    {
        services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, ApiKeyAuthentication>(ApiKeyAuthentication.SchemeName, null);
        var policies = services.AddAuthorizationBuilder();
        foreach (var scope in ApiScopes.Names.Keys)
            policies.AddPolicy(ApiScopes.Policy(scope), p => p.AddAuthenticationSchemes(ApiKeyAuthentication.SchemeName).RequireClaim(ApiKeyAuthentication.ScopeClaim, scope));
        services.AddOpenApi(Document, o =>
        {
            // only the open group: the staff API (no group) stays in the v1 document alone
            o.ShouldInclude = d => d.GroupName == Document;
            o.AddDocumentTransformer((doc, _, _) =>
            {
                doc.Info.Title = "Zhichan 知产 开放数据接口 v1";
                doc.Info.Version = "v1";
                doc.Info.Description = "供省知识产权大数据平台等对接单位调用的开放数据接口：专利记录检索、详情与增量同步，指标数值，工作方案目标进展，"
                                       + "保护信息公开，项目公示，服务机构名录。以平台管理员发放的 API 密钥认证（Authorization: Bearer <密钥> 或 X-Api-Key），"
                                       + "每个密钥有权限范围、每日调用上限与每分钟调用上限。说明与版本策略见 docs/open-api.md。";
                doc.Components ??= new OpenApiComponents();
                doc.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
                doc.Components.SecuritySchemes[ApiKeyAuthentication.SchemeName] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.Http, Scheme = "bearer", Description = "平台管理员发放的 API 密钥（也可放在 X-Api-Key 请求头）",
                };
                doc.Security ??= [];
                doc.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(ApiKeyAuthentication.SchemeName, doc)] = [] });
                return Task.CompletedTask;
            });
        });
    }

    public void MapEndpoints(IEndpointRouteBuilder app)
    {
        var keys = app.MapGroup("/api/admin/api-keys").WithTags("Admin").RequireAuthorization(Policies.Admin);
        keys.MapGet("/", ListApiKeys.HandleAsync).WithName("ListApiKeys").WithSummary("对接单位的 API 密钥（权限范围、调用上限、有效期、状态、今日调用次数；联系人脱敏）");
        keys.MapPost("/", CreateApiKey.HandleAsync).WithName("CreateApiKey").WithSummary("为对接单位发放 API 密钥（密钥仅在本次答复中显示一次，平台只保存其摘要）");
        keys.MapPost("/{id:long}/revoke", RevokeApiKey.HandleAsync).WithName("RevokeApiKey").WithSummary("撤销 API 密钥（立即失效）");
        keys.MapGet("/{id:long}/usage", GetApiKeyUsage.HandleAsync).WithName("GetApiKeyUsage").WithSummary("API 密钥的每日调用统计（调用次数、被拒次数、各接口次数）");

        var open = app.MapGroup("/api/open/v1").WithGroupName(Document).WithTags("Open")
            .AddEndpointFilter(ApiKeyLimits.FilterAsync).ProducesProblem(StatusCodes.Status429TooManyRequests);
        open.MapGet("/records", ListOpenRecords.HandleAsync).WithName("ListOpenRecords").ShedUnderLoad(LoadShedding.Search).RequireAuthorization(ApiScopes.Policy(ApiScopes.RecordsRead))
            .WithSummary("专利记录检索（与公开检索相同的检索式、筛选、分页与限制）").WithDescription(Records.Search.SearchRecords.Description);
        open.MapGet("/records/{id:long}", GetOpenRecord.HandleAsync).WithName("GetOpenRecord").RequireAuthorization(ApiScopes.Policy(ApiScopes.RecordsRead))
            .WithSummary("专利记录详情（全部公开字段、当事人、法律事件）");
        open.MapGet("/records/changes", SyncOpenRecords.HandleAsync).WithName("SyncOpenRecords").RequireAuthorization(ApiScopes.Policy(ApiScopes.RecordsSync))
            .WithSummary("专利记录增量同步：按变更游标依次取回新增、更新与删除的记录，不遗漏、不重复");
        open.MapGet("/indicators/{code}/values", ListOpenIndicatorValues.HandleAsync).WithName("ListOpenIndicatorValues")
            .RequireAuthorization(ApiScopes.Policy(ApiScopes.IndicatorsRead)).WithSummary("指标数值（按地区、年份；仅数据中心计算或审核通过的数值）");
        open.MapGet("/plans", ListOpenPlanProgress.HandleAsync).WithName("ListOpenPlanProgress").RequireAuthorization(ApiScopes.Policy(ApiScopes.PlansRead))
            .WithSummary("工作方案的目标与完成进展（政务公开：目标值与实际值）");
        open.MapGet("/disclosures", ListOpenDisclosures.HandleAsync).WithName("ListOpenDisclosures").RequireAuthorization(ApiScopes.Policy(ApiScopes.DisclosuresRead))
            .WithSummary("保护信息公开（已发布，个人信息已脱敏）");
        open.MapGet("/publicity", ListOpenPublicity.HandleAsync).WithName("ListOpenPublicity").RequireAuthorization(ApiScopes.Policy(ApiScopes.PublicityRead))
            .WithSummary("项目公示名单（已发布的公示）");
        open.MapGet("/agencies", ListOpenAgencies.HandleAsync).WithName("ListOpenAgencies").RequireAuthorization(ApiScopes.Policy(ApiScopes.AgenciesRead))
            .WithSummary("服务机构名录（在册机构及其评价等级，仅业务联系方式）");
    }
}
