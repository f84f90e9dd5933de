using Zhichan.Api.Platform.Workflow;
namespace Zhichan.Api.Features.Transactions.Market;

/// <summary>One 对接 with its timeline.</summary>
public static class GetMarketDeal
{
    public static async Task<Ok<MarketDealDetail>> HandleAsync(long id, ZhichanDb db, CurrentUser user, CancellationToken ct)
    {
        var deal = await MarketDealQueries.Visible(db, user).FirstOrDefaultAsync(d => d.Id == id, ct)
                   ?? throw new DomainException("对接记录不存在或无权查看", StatusCodes.Status404NotFound);
        return TypedResults.Ok(await DetailAsync(db, user, deal, ct));
    }

    public static async Task<MarketDealDetail> DetailAsync(ZhichanDb db, CurrentUser user, MarketDeal deal, CancellationToken ct)
    {
        var events = await db.Set<MarketDealEvent>().AsNoTracking().Where(e => e.DealId == deal.Id).OrderBy(e => e.At).ThenBy(e => e.Id).ToListAsync(ct);
        var actor = await MarketQueries.ActorNamesAsync(db, events.Select(e => e.ActorId), ct);
        return new MarketDealDetail((await MarketDealQueries.ToDtosAsync(db, user, [deal], ct))[0],
            events.Select(e => (e, v: WorkflowEventView.Of(e, DealStages.Machine)))
                .Select(x => new DealEventDto(x.v.FromState, x.v.FromLabel, x.v.ToState ?? "", x.v.ToLabel ?? "", x.v.Note, actor(x.e.ActorId, x.v.ActorName), x.v.At)).ToList());
    }
}
