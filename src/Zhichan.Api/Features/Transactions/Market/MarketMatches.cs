using System.Text.Json;
using Zhichan.Api.Platform.Notifications;

namespace Zhichan.Api.Features.Transactions.Market;

/// <summary>
/// The stored top matches (ADR 0036). When a listing is published, its top matches are stored, and so is every pair in
/// which it enters the top of the other listing; when it leaves the market (withdrawn, edited, expired), its pairs are
/// removed and the listings that lost one are refilled. Owners are notified of pairs new in their top matches.
/// </summary>
public static class MarketMatches
{
    private const string FeaturesSql = """
        SELECT id, side, org_unit_id AS orgunitid, title, tokens, ipc, industries, region_code AS regioncode, maturity, price, budget, trade_modes AS trademodes
        FROM market_listings
        """;

    private sealed class Row
    {
        public long Id { get; init; }
        public string Side { get; init; } = "";
        public long OrgUnitId { get; init; }
        public string Title { get; init; } = "";
        public int[] Tokens { get; init; } = [];
        public string[] Ipc { get; init; } = [];
        public string[] Industries { get; init; } = [];
        public string? RegionCode { get; init; }
        public int? Maturity { get; init; }
        public decimal? Price { get; init; }
        public decimal? Budget { get; init; }
        public string[] TradeModes { get; init; } = [];
        public ListingFeatures ToFeatures() => new(Id, Side, OrgUnitId, Title, Tokens, Ipc, Industries, RegionCode, Maturity, Price, Budget, TradeModes);
    }

    public static async Task<List<ListingFeatures>> PublishedAsync(NpgsqlConnection conn, string side, CancellationToken ct) =>
        (await conn.QueryAsync<Row>(new CommandDefinition(FeaturesSql + " WHERE status = 'published' AND side = @side", new { side }, cancellationToken: ct)))
        .Select(r => r.ToFeatures()).ToList();

    /// <summary>Recomputes the pairs of one listing after its state or content changed, and notifies the owners of new top matches.</summary>
    public static async Task RecomputeAsync(ZhichanDb db, NpgsqlDataSource ds, CurrentUser actor, long listingId, CancellationToken ct)
    {
        await using var conn = await ds.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var listing = await conn.QuerySingleAsync<Row>(new CommandDefinition(FeaturesSql + " WHERE id = @listingId", new { listingId }, tx, cancellationToken: ct));
        var status = await conn.ExecuteScalarAsync<string>(new CommandDefinition("SELECT status FROM market_listings WHERE id = @listingId FOR UPDATE", new { listingId }, tx, cancellationToken: ct));
        var before = (await conn.QueryAsync<(long Need, long Offer)>(new CommandDefinition(
            "DELETE FROM market_matches WHERE need_id = @listingId OR offer_id = @listingId RETURNING need_id, offer_id", new { listingId }, tx, cancellationToken: ct))).ToList();
        var previous = before.Select(p => p.Need == listingId ? p.Offer : p.Need).ToHashSet();
        var otherSide = MarketSides.Other(listing.Side);
        var matcher = new MarketMatcher(await PublishedAsync(conn, otherSide, ct));
        var industryNames = await IndustryNamesAsync(conn, ct);
        var texts = new Dictionary<long, string>();
        var inserted = new List<(long Need, long Offer, double Score)>();
        var news = new List<(long Listing, long Other, double Score)>();

        if (status == MarketStatus.Published)
        {
            var me = listing.ToFeatures();
            var all = matcher.Match(me);
            var nth = await NthScoresAsync(conn, tx, all.Select(a => a.Listing.Id).ToArray(), ct);
            for (var i = 0; i < all.Count; i++)
            {
                var (other, score) = all[i];
                var mineTop = i < MarketScoring.TopN;
                var theirsTop = !nth.TryGetValue(other.Id, out var n) || n.Count < MarketScoring.TopN || score > n.Nth;
                if (!mineTop && !theirsTop) continue;
                var (need, offer) = me.Side == MarketSides.Need ? (me, other) : (other, me);
                await UpsertAsync(conn, tx, need, offer, texts, industryNames, ct);
                inserted.Add((need.Id, offer.Id, score));
                if (mineTop && !previous.Contains(other.Id)) news.Add((me.Id, other.Id, score));
                if (theirsTop && !previous.Contains(other.Id)) news.Add((other.Id, me.Id, score));
            }
        }
        else
        {
            // the listings that lost a pair may now have a match beyond their former top: refill them from the whole market
            var mine = new MarketMatcher(await PublishedAsync(conn, listing.Side, ct));
            foreach (var otherId in previous)
            {
                if (matcher.Items.FirstOrDefault(x => x.Id == otherId) is not { } probe) continue;
                foreach (var (c, score) in mine.Match(probe, MarketScoring.TopN))
                {
                    var (need, offer) = probe.Side == MarketSides.Need ? (probe, c) : (c, probe);
                    await UpsertAsync(conn, tx, need, offer, texts, industryNames, ct);
                    inserted.Add((need.Id, offer.Id, score));
                }
            }
        }
        await AuditLog.WriteAsync(conn, tx, actor, "recompute", "market_matches", listingId.ToString(),
            new { removed = before.Count }, new { stored = inserted.Count, status }, ct);
        await tx.CommitAsync(ct);
        await NotifyAsync(db, listingId, news, ct);
    }

    private static async Task<Dictionary<long, (int Count, double Nth)>> NthScoresAsync(NpgsqlConnection conn, NpgsqlTransaction tx, long[] ids, CancellationToken ct)
    {
        if (ids.Length == 0) return [];
        var rows = await conn.QueryAsync<(long Id, int Count, double Nth)>(new CommandDefinition("""
            SELECT l.id, count(m.score)::int, COALESCE(min(m.score) FILTER (WHERE m.rn <= @n), 0)::float8
            FROM unnest(@ids) AS l(id)
            LEFT JOIN LATERAL (SELECT score, row_number() OVER (ORDER BY score DESC) AS rn FROM market_matches
                               WHERE need_id = l.id OR offer_id = l.id) m ON true
            GROUP BY l.id
            """, new { ids, n = MarketScoring.TopN }, tx, cancellationToken: ct));
        return rows.ToDictionary(r => r.Id, r => (r.Count, r.Nth));
    }

    private static async Task UpsertAsync(NpgsqlConnection conn, NpgsqlTransaction tx, ListingFeatures need, ListingFeatures offer,
        Dictionary<long, string> texts, IReadOnlyDictionary<string, string> industryNames, CancellationToken ct)
    {
        foreach (var id in new[] { need.Id, offer.Id })
            if (!texts.ContainsKey(id))
                texts[id] = await conn.ExecuteScalarAsync<string>(new CommandDefinition("SELECT title || ' ' || description FROM market_listings WHERE id = @id", new { id }, tx, cancellationToken: ct)) ?? "";
        var (score, parts) = MarketScoring.Explain(need, offer, texts[need.Id], texts[offer.Id], industryNames);
        await conn.ExecuteAsync(new CommandDefinition("""
            INSERT INTO market_matches (need_id, offer_id, score, parts, computed_at) VALUES (@need, @offer, @score, @parts::jsonb, now())
            ON CONFLICT (need_id, offer_id) DO UPDATE SET score = EXCLUDED.score, parts = EXCLUDED.parts, computed_at = now()
            """, new { need = need.Id, offer = offer.Id, score = (float)score, parts = JsonSerializer.Serialize(parts, JsonOptions) }, tx, cancellationToken: ct));
    }

    public static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web) { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static async Task<IReadOnlyDictionary<string, string>> IndustryNamesAsync(NpgsqlConnection conn, CancellationToken ct) =>
        (await conn.QueryAsync<(string Code, string Name)>(new CommandDefinition(
            "SELECT code, name FROM ref_industries WHERE standard = 'GB/T 4754-2011' AND level IN ('division', 'class')", cancellationToken: ct)))
        .GroupBy(r => r.Code).ToDictionary(g => g.Key, g => g.First().Name);

    private static async Task NotifyAsync(ZhichanDb db, long listingId, List<(long Listing, long Other, double Score)> news, CancellationToken ct)
    {
        if (news.Count == 0) return;
        var ids = news.SelectMany(n => new[] { n.Listing, n.Other }).Distinct().ToList();
        var listings = await db.Set<MarketListing>().AsNoTracking().Where(l => ids.Contains(l.Id)).ToDictionaryAsync(l => l.Id, ct);
        foreach (var group in news.GroupBy(n => n.Listing))
        {
            var l = listings[group.Key];
            var others = group.OrderByDescending(g => g.Score).ToList();
            var best = listings[others[0].Other];
            var what = MarketSides.Names[MarketSides.Other(l.Side)];
            var title = group.Key == listingId
                ? $"您的{MarketSides.Names[l.Side]}“{l.Title}”有 {others.Count} 条匹配{what}"
                : $"您的{MarketSides.Names[l.Side]}“{l.Title}”有新的匹配{what}";
            await Notifier.ToUnitAsync(db, l.OrgUnitId, new NotificationMessage("market_match", title,
                $"匹配度最高的是“{best.Title}”（{Math.Round(others[0].Score * 100)} 分），点击查看匹配说明。",
                $"/transactions/market/listings/{l.Id}", "market_listings", l.Id.ToString(),
                $"market-match:{l.Id}:{string.Join(",", others.Select(o => o.Other))}"), ct);
        }
        await db.SaveChangesAsync(ct);
    }
}
