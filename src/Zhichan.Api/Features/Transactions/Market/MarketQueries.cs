using Zhichan.Api.Platform.Security;

namespace Zhichan.Api.Features.Transactions.Market;

public sealed record LabeledCode(string Code, string Name);

/// <summary>The contact of a listing: in full for its owner, staff and the parties of a 对接 on it; masked for everyone else.</summary>
public sealed record ListingContact(string? Name, string? Phone, string? Email, bool Masked);

/// <summary>A listing as lists show it.</summary>
public sealed record MarketListingDto(long Id, string Side, string SideName, string Title, string Description, string OrgUnitName,
    IReadOnlyList<LabeledCode> IpForms, IReadOnlyList<LabeledCode> TradeModes, int? Maturity, string? MaturityName, decimal? Price, decimal? Budget,
    string PriceText, string[] Ipc, IReadOnlyList<LabeledCode> Industries, string? RegionCode, string? RegionName, DateOnly? ValidUntil,
    string Status, string StatusName, string? ReviewNote, DateTimeOffset? PublishedAt, DateTimeOffset UpdatedAt, bool IsExample, bool IsMine,
    ListingContact Contact, int MatchCount);

/// <summary>Shared reads of the market: row filters, visibility of contacts, the list/detail shape.</summary>
public static class MarketQueries
{
    public static bool IsOwner(CurrentUser u, MarketListing l) => u.OrgUnitId is { } unit && l.OrgUnitId == unit;

    /// <summary>A listing (aliased <c>l</c>): its region and its publishing unit; published listings are open to anyone beside the scope.</summary>
    private static readonly RowScope Scope = new("l.region_code", Unit: "l.org_unit_id", UnitRoles: [Roles.Enterprise, Roles.Agency]);

    /// <summary>Published listings to anyone; all of a unit's own to it; staff all; a district those of its region.</summary>
    public static bool CanSee(CurrentUser u, MarketListing l) =>
        l.Status == MarketStatus.Published || RowScope.Sees(u, l.RegionCode, IsOwner(u, l), l.OrgUnitId, Roles.Enterprise, Roles.Agency);

    public static IQueryable<MarketListing> Visible(ZhichanDb db, CurrentUser u) =>
        Scope.Rows(db.Set<MarketListing>(), "market_listings", "l", u, $"l.status = '{MarketStatus.Published}'").AsNoTracking();

    public static async Task<MarketListing> FindVisibleAsync(ZhichanDb db, CurrentUser u, long id, CancellationToken ct, bool track = false)
    {
        var q = track ? db.Set<MarketListing>() : db.Set<MarketListing>().AsNoTracking();
        var l = await q.FirstOrDefaultAsync(x => x.Id == id, ct);
        if (l is null || !CanSee(u, l)) throw new DomainException("信息不存在或无权查看", StatusCodes.Status404NotFound);
        return l;
    }

    /// <summary>Listings whose contact the caller may read in full: its own, or those of a 对接 its unit is a party of.</summary>
    public static async Task<HashSet<long>> ContactOpenAsync(ZhichanDb db, CurrentUser u, IReadOnlyCollection<long> ids, CancellationToken ct)
    {
        if (u.OrgUnitId is not { } unit || ids.Count == 0) return [];
        var deals = await db.Set<MarketDeal>().AsNoTracking()
            .Where(d => (d.InitiatorUnitId == unit || d.CounterpartUnitId == unit) && ((d.NeedId != null && ids.Contains(d.NeedId.Value)) || (d.OfferId != null && ids.Contains(d.OfferId.Value))))
            .Select(d => new { d.NeedId, d.OfferId }).ToListAsync(ct);
        return deals.SelectMany(d => new[] { d.NeedId, d.OfferId }).OfType<long>().ToHashSet();
    }

    public static async Task<List<MarketListingDto>> ToDtosAsync(ZhichanDb db, CurrentUser u, IReadOnlyList<MarketListing> rows, CancellationToken ct)
    {
        var ids = rows.Select(r => r.Id).ToList();
        var open = await ContactOpenAsync(db, u, ids, ct);
        var units = rows.Select(r => r.OrgUnitId).Distinct().ToList();
        var unitNames = await db.OrgUnits.AsNoTracking().Where(o => units.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Name, ct);
        var regions = await RegionNamesAsync(db, rows.Select(r => r.RegionCode), ct);
        var industries = await IndustryNamesAsync(db, rows.SelectMany(r => r.Industries), ct);
        var counts = ids.Count == 0 ? new Dictionary<long, int>() : (await (await ConnAsync(db, ct)).QueryAsync<(long Id, int Count)>(new CommandDefinition("""
            SELECT l.id, (SELECT count(*)::int FROM market_matches m WHERE m.need_id = l.id OR m.offer_id = l.id)
            FROM unnest(@ids) AS l(id)
            """, new { ids = ids.ToArray() }, cancellationToken: ct))).ToDictionary(x => x.Id, x => Math.Min(x.Count, MarketScoring.TopN));
        return rows.Select(l =>
        {
            var full = u.IsStaff || IsOwner(u, l) || open.Contains(l.Id);
            var contact = full ? new ListingContact(l.ContactName, l.ContactPhone, l.ContactEmail, false)
                : new ListingContact(l.ContactName is null ? null : Masking.MaskName(l.ContactName), Masking.MaskPhone(l.ContactPhone), Masking.MaskEmail(l.ContactEmail), true);
            return new MarketListingDto(l.Id, l.Side, MarketSides.Names[l.Side], l.Title, l.Description, unitNames.GetValueOrDefault(l.OrgUnitId, ""),
                Labels(l.IpForms, MarketVocab.IpForms), Labels(l.TradeModes, MarketVocab.TradeModes), l.Maturity,
                l.Maturity is { } m ? MarketVocab.Maturity[m] : null, l.Price, l.Budget, PriceText(l), l.Ipc,
                l.Industries.Select(c => new LabeledCode(c, industries.GetValueOrDefault(c, c))).ToList(), l.RegionCode,
                l.RegionCode is null ? null : regions.GetValueOrDefault(l.RegionCode), l.ValidUntil, l.Status, MarketStatus.Names[l.Status], l.ReviewNote,
                l.PublishedAt, l.UpdatedAt, l.IsExample, IsOwner(u, l), contact, counts.GetValueOrDefault(l.Id));
        }).ToList();
    }

    /// <summary>People's names for a timeline: the users' display names, 系统 for the system's own steps (expiry).</summary>
    public static async Task<Func<long?, string, string>> ActorNamesAsync(ZhichanDb db, IEnumerable<long?> ids, CancellationToken ct)
    {
        var list = ids.OfType<long>().Distinct().ToList();
        var names = await db.Users.AsNoTracking().Where(u => list.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        return (id, fallback) => id is { } x && names.TryGetValue(x, out var n) ? n : fallback == CurrentUser.System.Name ? "系统" : fallback;
    }

    /// <summary>The EF context's connection, opened, for Dapper reads in the same unit of work.</summary>
    public static async Task<NpgsqlConnection> ConnAsync(ZhichanDb db, CancellationToken ct)
    {
        await db.Database.OpenConnectionAsync(ct);
        return (NpgsqlConnection)db.Database.GetDbConnection();
    }

    public static string PriceText(MarketListing l) => l.Side == MarketSides.Offer
        ? l.Price is { } p ? MarketScoring.Money(p) : "面议"
        : l.Budget is { } b ? "预算 " + MarketScoring.Money(b) : "预算未定";

    public static List<LabeledCode> Labels(IEnumerable<string> codes, IReadOnlyDictionary<string, string> names) =>
        codes.Select(c => new LabeledCode(c, names.GetValueOrDefault(c, c))).ToList();

    public static async Task<Dictionary<string, string>> RegionNamesAsync(ZhichanDb db, IEnumerable<string?> codes, CancellationToken ct)
    {
        var list = codes.OfType<string>().Distinct().ToArray();
        if (list.Length == 0) return [];
        return (await (await ConnAsync(db, ct)).QueryAsync<(string Code, string Name)>(new CommandDefinition("""
            SELECT r.code, concat_ws('', p.name, CASE WHEN c.code <> p.code THEN c.name END, CASE WHEN r.level = 'county' THEN r.name END)
            FROM ref_regions r JOIN ref_regions p ON p.code = r.province_code LEFT JOIN ref_regions c ON c.code = r.city_code
            WHERE r.code = ANY(@list)
            """, new { list }, cancellationToken: ct))).ToDictionary(x => x.Code, x => x.Name);
    }

    public static async Task<Dictionary<string, string>> IndustryNamesAsync(ZhichanDb db, IEnumerable<string> codes, CancellationToken ct)
    {
        var list = codes.Distinct().ToArray();
        if (list.Length == 0) return [];
        return (await (await ConnAsync(db, ct)).QueryAsync<(string Code, string Name)>(new CommandDefinition(
            "SELECT code, name FROM ref_industries WHERE standard = 'GB/T 4754-2011' AND code = ANY(@list)", new { list }, cancellationToken: ct)))
            .GroupBy(x => x.Code).ToDictionary(g => g.Key, g => g.First().Name);
    }
}
