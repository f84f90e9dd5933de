namespace Zhichan.Api.Features.Transactions.Market;

/// <summary>
/// Scores one listing against every listing of the other side at once: an inverted index of the candidates' search codes
/// counts the shared tokens of all candidates in one pass over the probe's postings, then each candidate is scored
/// (<see cref="MarketScoring.Score"/>). Listings of the probe's own unit are never its matches.
/// </summary>
public sealed class MarketMatcher
{
    private readonly ListingFeatures[] _items;
    private readonly PreparedListing[] _prepared;
    private readonly Dictionary<int, int[]> _postings;

    public MarketMatcher(IReadOnlyList<ListingFeatures> candidates)
    {
        _items = candidates.ToArray();
        _prepared = _items.Select(PreparedListing.Of).ToArray();
        var lists = new Dictionary<int, List<int>>();
        for (var i = 0; i < _items.Length; i++)
            foreach (var code in _items[i].Tokens)
            {
                if (!lists.TryGetValue(code, out var l)) lists[code] = l = [];
                l.Add(i);
            }
        _postings = lists.ToDictionary(kv => kv.Key, kv => kv.Value.ToArray());
    }

    public IReadOnlyList<ListingFeatures> Items => _items;

    /// <summary>Every candidate that matches the probe (score ≥ the minimum), best first.</summary>
    public List<(ListingFeatures Listing, double Score)> Match(ListingFeatures probe, int? top = null)
    {
        var counts = new int[_items.Length];
        foreach (var code in probe.Tokens)
            if (_postings.TryGetValue(code, out var posting))
                foreach (var i in posting) counts[i]++;
        var result = new List<(ListingFeatures, double)>();
        var probeIsNeed = probe.Side == MarketSides.Need;
        var p = PreparedListing.Of(probe);
        for (var i = 0; i < _items.Length; i++)
        {
            var c = _items[i];
            if (c.OrgUnitId == probe.OrgUnitId || c.Side == probe.Side) continue;
            var s = probeIsNeed ? MarketScoring.Score(p, _prepared[i], counts[i]) : MarketScoring.Score(_prepared[i], p, counts[i]);
            if (s is { } score) result.Add((c, score));
        }
        result.Sort((a, b) => b.Item2.CompareTo(a.Item2) is var x && x != 0 ? x : a.Item1.Id.CompareTo(b.Item1.Id));
        if (top is { } n && result.Count > n) result.RemoveRange(n, result.Count - n);
        return result;
    }
}
