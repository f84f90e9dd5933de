using System.Text.Json;

namespace Zhichan.Api.Features.Transactions.Market;

public sealed record ListingMatchDto(MarketListingDto Listing, double Score, IReadOnlyList<MatchPart> Parts, DateTimeOffset ComputedAt);
public sealed record ListingMatches(long ListingId, string Status, IReadOnlyList<ListingMatchDto> Matches, string? Why);

/// <summary>The top matches of one listing, each with its score and its parts (what matches, what does not).</summary>
public static class GetListingMatches
{
    public static async Task<Ok<ListingMatches>> HandleAsync(long id, ZhichanDb db, NpgsqlDataSource ds, CurrentUser user, TimeProvider clock, CancellationToken ct)
    {
        await MarketListingForms.ExpireDueAsync(db, ds, ChinaTime.Today(clock), ct);
        var l = await MarketQueries.FindVisibleAsync(db, user, id, ct);
        if (l.Status != MarketStatus.Published)
            return TypedResults.Ok(new ListingMatches(l.Id, l.Status, [], $"信息状态为“{MarketStatus.Names[l.Status]}”，发布后才计算匹配"));
        var conn = await MarketQueries.ConnAsync(db, ct);
        var rows = (await conn.QueryAsync<(long Other, float Score, string Parts, DateTimeOffset At)>(new CommandDefinition("""
            SELECT CASE WHEN m.need_id = @id THEN m.offer_id ELSE m.need_id END, m.score, m.parts::text, m.computed_at
            FROM market_matches m JOIN market_listings o ON o.id = CASE WHEN m.need_id = @id THEN m.offer_id ELSE m.need_id END
            WHERE (m.need_id = @id OR m.offer_id = @id) AND o.status = 'published'
            ORDER BY m.score DESC, 1 LIMIT @n
            """, new { id, n = MarketScoring.TopN }, cancellationToken: ct))).ToList();
        var ids = rows.Select(r => r.Other).ToList();
        var others = await db.Set<MarketListing>().AsNoTracking().Where(x => ids.Contains(x.Id)).ToListAsync(ct);
        var dtos = (await MarketQueries.ToDtosAsync(db, user, others, ct)).ToDictionary(d => d.Id);
        var matches = rows.Select(r => new ListingMatchDto(dtos[r.Other], Math.Round(r.Score, 4),
            JsonSerializer.Deserialize<List<MatchPart>>(r.Parts, MarketMatches.JsonOptions)!, r.At)).ToList();
        return TypedResults.Ok(new ListingMatches(l.Id, l.Status, matches,
            matches.Count == 0 ? $"暂无匹配的{MarketSides.Names[MarketSides.Other(l.Side)]}：已发布的信息中没有文字、分类或行业相近且得分不低于 {MarketScoring.MinScore * 100:0} 分的" : null));
    }
}
