using Zhichan.Api.Features.Records.Normalisation;

namespace Zhichan.Api.Features.Records.Attribution;

/// <summary>One industry a record is attributed to, with its share of the record (weights of a record sum to 1).</summary>
public sealed record IndustryShare(string Code, double Weight);

/// <summary>
/// IPC → GB/T 4754-2011 industry classes via the CNIPA concordance (国际专利分类与国民经济行业分类参照关系表).
/// A concordance entry names a subgroup (C12N15/05), a main group with its subgroups (A01C1) or a subclass (A01K).
/// Each IPC symbol of a record is matched most-specific first (subgroup, then main group, then subclass); the record's
/// weight is split equally over its matched symbols, and a symbol's share equally over the classes it maps to
/// (fractional counting, so industry totals add up to the number of records).
/// </summary>
public sealed class IndustryMapper
{
    private readonly Dictionary<string, string[]> _byKey;

    public IndustryMapper(IEnumerable<(string Ipc, string Industry)> pairs)
    {
        _byKey = pairs.GroupBy(p => p.Ipc, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(p => p.Industry).Distinct().ToArray(), StringComparer.Ordinal);
    }

    public int Count => _byKey.Count;

    /// <summary>Compact key of a concordance symbol: 'A01C21*' → 'A01C21', 'C12N15/05' → 'C12N15/05', 'A01K' → 'A01K'.</summary>
    public static string KeyOf(string raw) => raw.Trim().TrimEnd('*').Replace(" ", "").ToUpperInvariant();

    public IReadOnlyList<string> ClassesOf(IpcSymbol s)
    {
        var sub = $"{s.Subclass}{s.MainGroupNumber}/{s.Subgroup}";
        if (_byKey.TryGetValue(sub, out var a)) return a;
        if (_byKey.TryGetValue($"{s.Subclass}{s.MainGroupNumber}", out var b)) return b;
        if (_byKey.TryGetValue(s.Subclass, out var c)) return c;
        return [];
    }

    public List<IndustryShare> Map(IReadOnlyList<IpcSymbol> symbols)
    {
        var matched = symbols.Select(ClassesOf).Where(c => c.Count > 0).ToList();
        if (matched.Count == 0) return [];
        var weights = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var classes in matched)
            foreach (var code in classes)
                weights[code] = weights.GetValueOrDefault(code) + 1.0 / matched.Count / classes.Count;
        return weights.OrderByDescending(w => w.Value).ThenBy(w => w.Key, StringComparer.Ordinal)
            .Select(w => new IndustryShare(w.Key, Math.Round(w.Value, 4))).ToList();
    }
}

/// <summary>IPC → the 35 WIPO technology fields (Schmoch concordance, SQL LIKE patterns on the compact symbol).</summary>
public sealed class TechFieldMapper
{
    // patterns grouped by subclass (every pattern starts with one), longest first
    private readonly Dictionary<string, (string Prefix, bool Exact, int Field)[]> _bySubclass;
    public IReadOnlyDictionary<int, (string Name, string Sector)> Fields { get; }

    public TechFieldMapper(IEnumerable<(string Pattern, int Field, string Name, string Sector)> rows)
    {
        var list = rows.ToList();
        // patterns look like 'F21H%' or 'A61K 8%' or 'H01L 31/%'; compare on the compact form without spaces
        _bySubclass = list.Select(r =>
            {
                var p = r.Pattern.Replace(" ", "").ToUpperInvariant();
                return (Prefix: p.TrimEnd('%'), Exact: !p.EndsWith('%'), r.Field);
            })
            .Where(p => p.Prefix.Length >= 4)
            .GroupBy(p => p.Prefix[..4], StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.OrderByDescending(p => p.Prefix.Length).ToArray(), StringComparer.Ordinal);
        Fields = list.GroupBy(r => r.Field).ToDictionary(g => g.Key, g => (g.First().Name, g.First().Sector));
    }

    public int[] Map(IReadOnlyList<IpcSymbol> symbols)
    {
        var result = new SortedSet<int>();
        foreach (var s in symbols)
        {
            if (!_bySubclass.TryGetValue(s.Subclass, out var patterns)) continue;
            var compact = $"{s.Subclass}{s.MainGroupNumber}/{s.Subgroup}";
            foreach (var (prefix, exact, field) in patterns)
                if (exact ? compact == prefix : compact.StartsWith(prefix, StringComparison.Ordinal)) result.Add(field);
        }
        return result.ToArray();
    }
}
