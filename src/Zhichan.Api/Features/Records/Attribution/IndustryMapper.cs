using Zhichan.Api.Features.Records.Normalisation;

namespace Zhichan.Api.Features.Records.Attribution;

/// <summary>One industry a record is attributed to, with its share of the record (weights of a record sum to 1).</summary>
public sealed record IndustryShare(string Code, double Weight);

/// <summary>The concordance level an IPC symbol matched at: its subgroup (or a subgroup above it), its main group, its subclass.</summary>
public static class IndustryMatchLevels
{
    public const string Subgroup = "subgroup", Group = "group", Subclass = "subclass", None = "none";
}

/// <summary>
/// Why a record has its industries, one line per IPC symbol: the concordance entry it matched (<paramref name="Key"/> at
/// <paramref name="Level"/>), the symbol's share of the record, the classes it gives (each with its weight in the record) and
/// the service / repair classes left out.
/// </summary>
public sealed record IndustryBasis(string Symbol, string? Key, string Level, double Share, IReadOnlyList<IndustryShare> Classes, IReadOnlyList<string> Dropped);

/// <summary>
/// IPC → GB/T 4754-2011 industry classes via the CNIPA concordance (国际专利分类与国民经济行业分类参照关系表), ADR 0008 and 0020.
/// A concordance entry names a subgroup (C12N15/05), a main group (A01C1, or A01C1/00) or a subclass (A01K).
/// <list type="bullet">
/// <item>Each IPC symbol of a record takes the most specific entry that matches it: its own subgroup, then the subgroups above
/// it (H01M10/0525 → H01M10/052 → H01M10/05), then its main group, then its subclass.</item>
/// <item>Service and repair classes (<see cref="IsServiceOrRepair"/>: division 43 金属制品、机械和设备修理业, and sections F–T,
/// divisions 51–96, e.g. 80 机动车、电子产品和日用产品修理业, 65 软件和信息技术服务业) are left out for a patent, unless the record's
/// symbols match nothing else: a patent is an invention made, not a service rendered.</item>
/// <item>Weights: the record's weight is split equally over its symbols that keep a class, and a symbol's share equally over
/// the classes it keeps (fractional counting: industry totals add up to the number of records).</item>
/// </list>
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

    /// <summary>
    /// GB/T 4754-2011 classes that are services or repair (ADR 0020): division 43 (金属制品、机械和设备修理业, in section C) and
    /// every division of sections F–T (51–96: trade, transport, information services, … 80 机动车、电子产品和日用产品修理业).
    /// </summary>
    public static bool IsServiceOrRepair(string classCode) =>
        classCode.Length >= 2 && char.IsAsciiDigit(classCode[0]) && char.IsAsciiDigit(classCode[1])
        && ((classCode[0] - '0') * 10 + (classCode[1] - '0')) is 43 or (>= 51 and <= 96);

    /// <summary>The classes of the most specific concordance entry matching the symbol, with the entry and its level.</summary>
    public (string? Key, string Level, string[] Classes) Lookup(IpcSymbol s)
    {
        // the candidate keys are spans of one buffer: no string per symbol and level (every record has several symbols)
        Span<char> buf = s.Symbol.Length <= 36 ? stackalloc char[40] : new char[s.Symbol.Length + 4];
        var n = Compact(s, buf);
        var slash = buf[..n].IndexOf('/');
        if (_bySpan.TryGetValue(buf[..n], out var exact)) return (new string(buf[..n]), s.IsMainGroup ? IndustryMatchLevels.Group : IndustryMatchLevels.Subgroup, exact);
        // the subgroups above it: IPC numbers a subdivision by appending digits to its parent's (10/05 → 10/052 → 10/0525)
        for (var len = n - 1; len >= slash + 3; len--)
            if (_bySpan.TryGetValue(buf[..len], out var above)) return (new string(buf[..len]), IndustryMatchLevels.Subgroup, above);
        if (_bySpan.TryGetValue(buf[..slash], out var group)) return (new string(buf[..slash]), IndustryMatchLevels.Group, group);
        "/00".AsSpan().CopyTo(buf[slash..]);
        if (_bySpan.TryGetValue(buf[..(slash + 3)], out var group00)) return (new string(buf[..(slash + 3)]), IndustryMatchLevels.Group, group00);
        if (_bySpan.TryGetValue(s.Subclass, out var subclass)) return (s.Subclass, IndustryMatchLevels.Subclass, subclass);
        return (null, IndustryMatchLevels.None, []);
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

    /// <summary>The record's industries with their weights (see the class summary).</summary>
    public List<IndustryShare> Map(IReadOnlyList<IpcSymbol> symbols)
    {
        var basis = Explain(symbols);
        // a record has a handful of symbols and classes: lists searched linearly, no dictionary per record
        var weights = new List<(string Code, double Weight)>();
        foreach (var b in basis)
            foreach (var c in b.Classes)
            {
                var i = weights.Count - 1;
                while (i >= 0 && weights[i].Code != c.Code) i--;
                if (i < 0) weights.Add((c.Code, c.Weight)); else weights[i] = (c.Code, weights[i].Weight + c.Weight);
            }
        weights.Sort((x, y) => y.Weight != x.Weight ? y.Weight.CompareTo(x.Weight) : string.CompareOrdinal(x.Code, y.Code));
        var result = new List<IndustryShare>(weights.Count);
        foreach (var (code, weight) in weights) result.Add(new IndustryShare(code, Math.Round(weight, 4)));
        return result;
    }

    /// <summary>The basis of <see cref="Map"/>, one line per symbol: its entry, its share, its classes with their weights, the classes left out.</summary>
    public List<IndustryBasis> Explain(IReadOnlyList<IpcSymbol> symbols)
    {
        var found = new List<(IpcSymbol Symbol, string? Key, string Level, string[] Classes)>(symbols.Count);
        var anyProduction = false;
        foreach (var s in symbols)
        {
            var (key, level, classes) = Lookup(s);
            found.Add((s, key, level, classes));
            foreach (var c in classes) anyProduction |= !IsServiceOrRepair(c);
        }
        var kept = new List<(IpcSymbol Symbol, string? Key, string Level, List<string> Kept, List<string> Dropped)>(found.Count);
        var matched = 0;
        foreach (var (s, key, level, classes) in found)
        {
            List<string> keep = new(classes.Length), drop = [];
            foreach (var c in classes) (anyProduction && IsServiceOrRepair(c) ? drop : keep).Add(c);
            if (keep.Count > 0) matched++;
            kept.Add((s, key, level, keep, drop));
        }
        var result = new List<IndustryBasis>(kept.Count);
        foreach (var (s, key, level, keep, drop) in kept)
        {
            // not rounded: Map adds them up (eleven classes of four symbols would lose 0.0012 to rounding each)
            var share = keep.Count == 0 ? 0 : 1.0 / matched;
            result.Add(new IndustryBasis(s.Symbol, key, level, share, [.. keep.Select(c => new IndustryShare(c, share / keep.Count))], drop));
        }
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
