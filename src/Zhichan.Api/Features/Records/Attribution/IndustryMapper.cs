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
    private readonly Dictionary<string, string[]>.AlternateLookup<ReadOnlySpan<char>> _bySpan;

    public IndustryMapper(IEnumerable<(string Ipc, string Industry)> pairs)
    {
        _byKey = pairs.GroupBy(p => p.Ipc, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(p => p.Industry).Distinct().ToArray(), StringComparer.Ordinal);
        _bySpan = _byKey.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public int Count => _byKey.Count;

    /// <summary>Compact key of a concordance symbol: 'A01C21*' → 'A01C21', 'C12N15/05' → 'C12N15/05', 'A01K' → 'A01K'.</summary>
    public static string KeyOf(string raw) => raw.Trim().TrimEnd('*').Replace(" ", "").ToUpperInvariant();

    public IReadOnlyList<string> ClassesOf(IpcSymbol s)
    {
        // the compact forms are looked up as spans of one buffer: no string per symbol and level (every record has some)
        // a parsed symbol has at most 4 + 1 + 4 + 1 + 6 characters
        Span<char> buf = s.Symbol.Length <= 32 ? stackalloc char[32] : new char[s.Symbol.Length];
        var n = Compact(s, buf);
        var compact = buf[..n];
        if (_bySpan.TryGetValue(compact, out var a)) return a;
        if (_bySpan.TryGetValue(compact[..compact.IndexOf('/')], out var b)) return b;
        if (_bySpan.TryGetValue(s.Subclass, out var c)) return c;
        return [];
    }

    /// <summary>Writes B07C5/342 (the symbol without its space) into the buffer; returns its length.</summary>
    internal static int Compact(IpcSymbol s, Span<char> buf)
    {
        var symbol = s.Symbol.AsSpan();
        var k = s.Subclass.Length;
        symbol[..k].CopyTo(buf);
        symbol[(k + 1)..].CopyTo(buf[k..]);
        return symbol.Length - 1;
    }

    public List<IndustryShare> Map(IReadOnlyList<IpcSymbol> symbols)
    {
        // a record has a handful of symbols and classes: lists searched linearly, no dictionary or LINQ per record
        var matched = new List<IReadOnlyList<string>>(symbols.Count);
        foreach (var s in symbols)
            if (ClassesOf(s) is { Count: > 0 } c) matched.Add(c);
        if (matched.Count == 0) return [];
        var weights = new List<(string Code, double Weight)>();
        foreach (var classes in matched)
            foreach (var code in classes)
            {
                var add = 1.0 / matched.Count / classes.Count;
                var i = weights.Count - 1;
                while (i >= 0 && weights[i].Code != code) i--;
                if (i < 0) weights.Add((code, add)); else weights[i] = (code, weights[i].Weight + add);
            }
        weights.Sort((x, y) => y.Weight != x.Weight ? y.Weight.CompareTo(x.Weight) : string.CompareOrdinal(x.Code, y.Code));
        var result = new List<IndustryShare>(weights.Count);
        foreach (var (code, weight) in weights) result.Add(new IndustryShare(code, Math.Round(weight, 4)));
        return result;
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
        var result = new List<int>(4);
        Span<char> buf = stackalloc char[32]; // the longest symbol is 4 + 1 + 4 + 1 + 6 characters
        foreach (var s in symbols)
        {
            if (!_bySubclass.TryGetValue(s.Subclass, out var patterns)) continue;
            if (s.Symbol.Length > buf.Length) buf = new char[s.Symbol.Length];
            var compact = buf[..IndustryMapper.Compact(s, buf)];
            foreach (var (prefix, exact, field) in patterns)
                if ((exact ? compact.SequenceEqual(prefix) : compact.StartsWith(prefix, StringComparison.Ordinal)) && !result.Contains(field)) result.Add(field);
        }
        result.Sort();
        return [.. result];
    }
}
