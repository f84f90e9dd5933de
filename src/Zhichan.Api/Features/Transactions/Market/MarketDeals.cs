using Zhichan.Api.Platform.Workflow;
namespace Zhichan.Api.Features.Transactions.Market;

public sealed record DealListingRef(long Id, string Side, string Title, string Status, ListingContact Contact);
public sealed record DealEventDto(string? FromStage, string? FromName, string ToStage, string ToName, string? Note, string ActorName, DateTimeOffset At);
public sealed record MarketDealDto(long Id, DealListingRef? Need, DealListingRef? Offer, string InitiatorUnitName, string CounterpartUnitName,
    string Stage, string StageName, double? MatchScore, string? FilingNumber, long? FilingId, string? EndReason, DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt, bool IsInitiator, IReadOnlyList<string> NextStages);
public sealed record MarketDealDetail(MarketDealDto Deal, IReadOnlyList<DealEventDto> Events);

/// <summary>Row filter and shape of 对接 records: the two parties' units see theirs, a district those on listings of its region, staff all.</summary>
public static class MarketDealQueries
{
    /// <summary>
    /// A 对接 (aliased <c>d</c>) belongs to both parties' units; its region, for a district, is that of whichever of its two
    /// listings lies in the district (so either listing's district sees it).
    /// </summary>
    private static readonly RowScope Scope = new(
        "(SELECT l.region_code FROM market_listings l WHERE l.id IN (d.need_id, d.offer_id) AND l.region_code LIKE @prefix || '%' LIMIT 1)",
        Unit: "SELECT d.initiator_unit_id UNION ALL SELECT d.counterpart_unit_id", UnitRoles: [Roles.Enterprise, Roles.Agency]);

    public static IQueryable<MarketDeal> Visible(ZhichanDb db, CurrentUser u) => Scope.Rows(db.Set<MarketDeal>(), "market_deals", "d", u).AsNoTracking();

    public static bool IsParty(CurrentUser u, MarketDeal d) => u.OrgUnitId is { } unit && (d.InitiatorUnitId == unit || d.CounterpartUnitId == unit);

    public static async Task<List<MarketDealDto>> ToDtosAsync(ZhichanDb db, CurrentUser u, IReadOnlyList<MarketDeal> deals, CancellationToken ct)
    {
        var listingIds = deals.SelectMany(d => new[] { d.NeedId, d.OfferId }).OfType<long>().Distinct().ToList();
        var listings = await db.Set<MarketListing>().AsNoTracking().Where(l => listingIds.Contains(l.Id)).ToDictionaryAsync(l => l.Id, ct);
        var unitIds = deals.SelectMany(d => new[] { d.InitiatorUnitId, d.CounterpartUnitId }).Distinct().ToList();
        var units = await db.OrgUnits.AsNoTracking().Where(o => unitIds.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Name, ct);
        return deals.Select(d =>
        {
            var party = IsParty(u, d) || u.IsStaff;
            DealListingRef? Ref(long? id) => id is { } x && listings.TryGetValue(x, out var l)
                ? new DealListingRef(l.Id, l.Side, l.Title, l.Status, party
                    ? new ListingContact(l.ContactName, l.ContactPhone, l.ContactEmail, false)
                    : new ListingContact(l.ContactName is null ? null : Zhichan.Api.Platform.Security.Masking.MaskName(l.ContactName),
                        Zhichan.Api.Platform.Security.Masking.MaskPhone(l.ContactPhone), Zhichan.Api.Platform.Security.Masking.MaskEmail(l.ContactEmail), true))
                : null;
            return new MarketDealDto(d.Id, Ref(d.NeedId), Ref(d.OfferId), units.GetValueOrDefault(d.InitiatorUnitId, ""), units.GetValueOrDefault(d.CounterpartUnitId, ""),
                d.Stage, DealStages.Names[d.Stage], d.MatchScore, d.FilingNumber, d.FilingId, d.EndReason, d.CreatedAt, d.UpdatedAt,
                u.OrgUnitId == d.InitiatorUnitId, DealStages.Machine.Allowed(d.Stage, DealStages.ActorsOf(u, d)).Select(t => t.To!).ToList());
        }).ToList();
    }
}
