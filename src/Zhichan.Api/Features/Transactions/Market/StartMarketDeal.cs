using Zhichan.Api.Platform.Workflow;
using Zhichan.Api.Platform.Notifications;

namespace Zhichan.Api.Features.Transactions.Market;

/// <summary>ListingId: the other party's published listing; OwnListingId: the caller's own listing it matched (optional).</summary>
public sealed record StartMarketDealRequest(long? ListingId, long? OwnListingId, string? Note);

/// <summary>An enterprise (university, agency) starts a 对接 on a published listing or on a match: both sides then see each other's contact.</summary>
public static class StartMarketDeal
{
    public static async Task<Created<MarketDealDetail>> HandleAsync(StartMarketDealRequest req, ZhichanDb db, CurrentUser user, CancellationToken ct)
    {
        if (user.OrgUnitId is not { } unit) throw new DomainException("当前账号未关联单位，不能发起对接", StatusCodes.Status403Forbidden);
        if (req.ListingId is not { } listingId) throw new RequestValidationException("listingId", "请选择要对接的成果或需求");
        if (req.Note is { Length: > 1000 }) throw new RequestValidationException("note", "说明不能超过 1000 个字符");
        var target = await MarketQueries.FindVisibleAsync(db, user, listingId, ct);
        if (target.Status != MarketStatus.Published) throw new DomainException("只能就已发布的信息发起对接");
        if (target.OrgUnitId == unit) throw new RequestValidationException("listingId", "不能与本单位发布的信息对接");
        MarketListing? own = null;
        if (req.OwnListingId is { } ownId)
        {
            own = await db.Set<MarketListing>().AsNoTracking().FirstOrDefaultAsync(l => l.Id == ownId && l.OrgUnitId == unit, ct)
                  ?? throw new RequestValidationException("ownListingId", "所选的本单位信息不存在");
            if (own.Side == target.Side) throw new RequestValidationException("ownListingId", "成果应与需求对接");
        }
        var needId = target.Side == MarketSides.Need ? target.Id : own?.Id;
        var offerId = target.Side == MarketSides.Offer ? target.Id : own?.Id;
        if (await db.Set<MarketDeal>().AnyAsync(d => d.InitiatorUnitId == unit && d.NeedId == needId && d.OfferId == offerId
                                                     && d.Stage != DealStages.Terminated && d.Stage != DealStages.Filed, ct))
            throw new DomainException("本单位已就该信息发起对接，请在对接记录中继续");
        float? score = null;
        if (needId is not null && offerId is not null)
        {
            var conn = await MarketQueries.ConnAsync(db, ct);
            score = await conn.ExecuteScalarAsync<float?>(new CommandDefinition("SELECT score FROM market_matches WHERE need_id = @needId AND offer_id = @offerId",
                new { needId, offerId }, cancellationToken: ct));
        }
        var deal = new MarketDeal
        {
            NeedId = needId, OfferId = offerId, InitiatorUnitId = unit, CounterpartUnitId = target.OrgUnitId, MatchScore = score, CreatedBy = user.Id,
        };
        db.Set<MarketDeal>().Add(deal);
        await db.SaveChangesAsync(ct);
        db.Set<MarketDealEvent>().Add(new MarketDealEvent { DealId = deal.Id }
            .Of<MarketDealEvent>("contact", null, DealStages.Contacted, user, string.IsNullOrWhiteSpace(req.Note) ? "发起对接" : $"发起对接：{req.Note.Trim()}"));
        await Notifier.ToUnitAsync(db, target.OrgUnitId, new NotificationMessage("market_deal", $"{user.OrgUnitName ?? user.Name}就“{target.Title}”发起对接",
            req.Note?.Trim() is { Length: > 0 } n ? n : "对方已可查看您的联系方式，请在对接记录中跟进。", $"/transactions/market/deals/{deal.Id}", "market_deals", deal.Id.ToString()), ct);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/transactions/market/deals/{deal.Id}", await GetMarketDeal.DetailAsync(db, user, deal, ct));
    }
}
