using Zhichan.Api.Platform.Workflow;
using Zhichan.Api.Features.Transactions.Rights;

namespace Zhichan.Api.Features.Transactions.Market;

public sealed record ListingRightDto(string Kind, string KindName, string Number, long? RecordId, string? Title);
public sealed record ListingEventDto(string? FromStatus, string? FromName, string ToStatus, string ToName, string? Note, string ActorName, DateTimeOffset At);
public sealed record ListingActions(bool Edit, bool Submit, bool Withdraw, bool Review, bool StartDeal);
public sealed record MarketListingDetail(MarketListingDto Listing, IReadOnlyList<ListingRightDto> Rights, IReadOnlyList<ListingEventDto> Events,
    ListingActions Can, IReadOnlyList<long> MyDealIds);

/// <summary>One listing: its fields, rights, review timeline (owner and staff), and what the caller may do with it.</summary>
public static class GetMarketListing
{
    public static async Task<Ok<MarketListingDetail>> HandleAsync(long id, ZhichanDb db, NpgsqlDataSource ds, CurrentUser user, TimeProvider clock, CancellationToken ct)
    {
        await MarketListingForms.ExpireDueAsync(db, ds, ChinaTime.Today(clock), ct);
        var l = await MarketQueries.FindVisibleAsync(db, user, id, ct);
        return TypedResults.Ok(await DetailAsync(db, user, l, ct));
    }

    public static async Task<MarketListingDetail> DetailAsync(ZhichanDb db, CurrentUser user, MarketListing l, CancellationToken ct)
    {
        var dto = (await MarketQueries.ToDtosAsync(db, user, [l], ct))[0];
        var rights = await db.Set<MarketListingRight>().AsNoTracking().Where(r => r.ListingId == l.Id).OrderBy(r => r.Id).ToListAsync(ct);
        var owner = MarketQueries.IsOwner(user, l);
        var events = owner || user.IsStaff || user.RegionPrefix is not null
            ? await db.Set<MarketListingEvent>().AsNoTracking().Where(e => e.ListingId == l.Id).OrderBy(e => e.At).ThenBy(e => e.Id).ToListAsync(ct)
            : [];
        var unit = user.OrgUnitId ?? -1;
        var deals = user.IsAuthenticated
            ? await db.Set<MarketDeal>().AsNoTracking().Where(d => (d.NeedId == l.Id || d.OfferId == l.Id) && (d.InitiatorUnitId == unit || d.CounterpartUnitId == unit))
                .Select(d => d.Id).ToListAsync(ct)
            : [];
        var actor = await MarketQueries.ActorNamesAsync(db, events.Select(e => e.ActorId), ct);
        var publisher = user.Role is Roles.Enterprise or Roles.Agency;
        var actors = MarketTransitions.ActorsOf(user, l).Where(a => a != MarketTransitions.Owner || publisher).ToList();
        var allowed = MarketTransitions.Machine.Allowed(l.Status, actors).Select(t => t.Action).ToHashSet();
        var can = new ListingActions(
            Edit: actors.Contains(MarketTransitions.Owner) && (l.Status is MarketStatus.Draft or MarketStatus.Rectify || allowed.Contains(MarketTransitions.Edit)),
            Submit: allowed.Contains(MarketTransitions.Submit),
            Withdraw: allowed.Contains(MarketTransitions.Withdraw),
            Review: allowed.Contains(MarketTransitions.Approve),
            StartDeal: publisher && !owner && user.OrgUnitId is not null && l.Status == MarketStatus.Published);
        return new MarketListingDetail(dto,
            rights.Select(r => new ListingRightDto(r.Kind, RightKinds.Names.GetValueOrDefault(r.Kind, r.Kind), r.Number, r.RecordId, r.Title)).ToList(),
            events.Select(e => (e, v: WorkflowEventView.Of(e, MarketTransitions.Machine)))
                .Select(x => new ListingEventDto(x.v.FromState, x.v.FromLabel, x.v.ToState ?? "", x.v.ToLabel ?? "", x.v.Note, actor(x.e.ActorId, x.v.ActorName), x.v.At)).ToList(),
            can, deals);
    }
}
