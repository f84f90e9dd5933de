using Zhichan.Api.Platform.Workflow;
namespace Zhichan.Api.Features.Transactions.Market;

/// <summary>An enterprise, university or agency drafts an offer or a need of its own unit (待提交).</summary>
public static class CreateMarketListing
{
    public static async Task<Created<MarketListingDetail>> HandleAsync(MarketListingForm req, ZhichanDb db, NpgsqlDataSource ds, CurrentUser user, TimeProvider clock, CancellationToken ct)
    {
        if (user.OrgUnitId is not { } unit) throw new DomainException("当前账号未关联单位，不能发布供需信息", StatusCodes.Status403Forbidden);
        var region = await db.OrgUnits.AsNoTracking().Where(o => o.Id == unit).Select(o => o.RegionCode).FirstOrDefaultAsync(ct);
        var l = new MarketListing { OrgUnitId = unit, CreatedBy = user.Id, RegionCode = region };
        var refs = await MarketListingForms.ApplyAsync(db, ds, l, req, ChinaTime.Today(clock), creating: true, ct);
        db.Set<MarketListing>().Add(l);
        await db.SaveChangesAsync(ct);
        await MarketListingForms.ReplaceRightsAsync(db, l.Id, refs, ct);
        db.Set<MarketListingEvent>().Add(new MarketListingEvent { ListingId = l.Id }.Of<MarketListingEvent>("create", null, MarketStatus.Draft, user, "新建"));
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/transactions/market/listings/{l.Id}", await GetMarketListing.DetailAsync(db, user, l, ct));
    }
}
