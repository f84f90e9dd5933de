using Zhichan.Api.Platform.Security;

namespace Zhichan.Api.Features.Transactions.Market;

/// <summary>运用 · 供需对接: offers and needs with the bureau's review, matching both ways, 对接 records (ADR 0035, 0036).</summary>
public sealed class MarketModule : IFeatureModule
{
    public int Order => 92;

    public void AddServices(IServiceCollection services)
    {
        Microsoft.Extensions.DependencyInjection.Extensions.ServiceCollectionDescriptorExtensions.TryAddSingleton(services, TimeProvider.System);
    }

    public void MapEndpoints(IEndpointRouteBuilder app)
    {
        var market = app.MapGroup("/api/transactions/market").WithTags("Transactions");
        var publishers = new[] { Roles.Enterprise, Roles.Agency };

        market.MapGet("/listings", ListMarketListings.HandleAsync).WithName("ListMarketListings")
            .WithSummary("供需信息列表：匿名及所有用户看已发布的；本单位看自己的全部；县区看本地区的；知识产权局看全部").AllowAnonymous().RequireRateLimiting(RateLimits.Public);
        market.MapGet("/listings/{id:long}", GetMarketListing.HandleAsync).WithName("GetMarketListing")
            .WithSummary("供需信息详情（联系方式仅对发布单位、知识产权局和已发起对接的单位完整显示）").AllowAnonymous().RequireRateLimiting(RateLimits.Public);
        market.MapPost("/listings", CreateMarketListing.HandleAsync).WithName("CreateMarketListing")
            .WithSummary("新建成果或需求（待提交）").RequireAuthorization(p => p.RequireRole(publishers));
        market.MapPut("/listings/{id:long}", UpdateMarketListing.HandleAsync).WithName("UpdateMarketListing")
            .WithSummary("修改本单位的成果或需求（已发布的修改后重新审核）").RequireAuthorization(p => p.RequireRole(publishers));
        market.MapPost("/listings/{id:long}/submit", SubmitMarketListing.HandleAsync).WithName("SubmitMarketListing")
            .WithSummary("提交审核").RequireAuthorization(p => p.RequireRole(publishers));
        market.MapPost("/listings/{id:long}/review", ReviewMarketListing.HandleAsync).WithName("ReviewMarketListing")
            .WithSummary("审核：通过即发布，整改须说明整改内容，拒绝须说明理由").RequireAuthorization(Policies.Staff);
        market.MapPost("/listings/{id:long}/withdraw", WithdrawMarketListing.HandleAsync).WithName("WithdrawMarketListing")
            .WithSummary("撤回（发布单位）或下架（知识产权局，须说明理由）").RequireAuthorization(p => p.RequireRole(Roles.Enterprise, Roles.Agency, Roles.Bureau, Roles.Admin));
        market.MapGet("/listings/{id:long}/matches", GetListingMatches.HandleAsync).WithName("GetListingMatches")
            .WithSummary("一条成果或需求的匹配结果：得分及逐项说明（相符与不相符之处）").RequireAuthorization(Policies.SignedIn);

        market.MapPost("/deals", StartMarketDeal.HandleAsync).WithName("StartMarketDeal")
            .WithSummary("就一条已发布的成果或需求（或一条匹配）发起对接").RequireAuthorization(p => p.RequireRole(publishers));
        market.MapGet("/deals", ListMarketDeals.HandleAsync).WithName("ListMarketDeals")
            .WithSummary("对接记录：双方单位可见，县区看本地区的，知识产权局看全部").RequireAuthorization(Policies.SignedIn);
        market.MapGet("/deals/counts", GetMarketDealCounts.HandleAsync).WithName("GetMarketDealCounts")
            .WithSummary("按月统计的对接数（发起、签约、备案）").RequireAuthorization(Policies.Government);
        market.MapGet("/deals/{id:long}", GetMarketDeal.HandleAsync).WithName("GetMarketDeal")
            .WithSummary("对接详情及进展时间线").RequireAuthorization(Policies.SignedIn);
        market.MapPost("/deals/{id:long}/stage", AdvanceMarketDeal.HandleAsync).WithName("AdvanceMarketDeal")
            .WithSummary("推进对接：已约谈、已签约、已备案（填写备案号）或终止（说明理由）").RequireAuthorization(p => p.RequireRole(publishers));
    }
}
