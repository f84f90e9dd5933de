using System.Globalization;
using Zhichan.Api.Features.Records.Search;

namespace Zhichan.Api.Features.Transactions.Market;

/// <summary>What the matcher reads of a listing.</summary>
public sealed record ListingFeatures(long Id, string Side, long OrgUnitId, string Title, int[] Tokens, string[] Ipc, string[] Industries,
    string? RegionCode, int? Maturity, decimal? Price, decimal? Budget, string[] TradeModes);

/// <summary>
/// A listing with its IPC and industry codes packed into integers for the matcher: subclass A61K as its four ASCII characters,
/// class A61 as three, main group A61K 31 as the subclass and the group number, industry class 2720 and division 27 as numbers.
/// </summary>
public sealed class PreparedListing
{
    public required ListingFeatures F { get; init; }
    public required long[] Groups { get; init; }
    public required long[] Subclasses { get; init; }
    public required long[] Classes { get; init; }
    public required long[] IndustryClasses { get; init; }
    public required long[] Divisions { get; init; }

    public static PreparedListing Of(ListingFeatures f)
    {
        static long Pack(string s, int n) { long v = 0; for (var i = 0; i < n && i < s.Length; i++) v = v << 8 | (byte)s[i]; return v; }
        var groups = f.Ipc.Select(MarketScoring.Group).OfType<string>().Select(g => long.TryParse(g[5..], out var n) ? Pack(g, 4) << 16 | n : -1).Where(x => x >= 0).Distinct().ToArray();
        return new PreparedListing
        {
            F = f,
            Groups = groups,
            Subclasses = f.Ipc.Where(x => x.Length >= 4).Select(x => Pack(x, 4)).Distinct().ToArray(),
            Classes = f.Ipc.Where(x => x.Length >= 3).Select(x => Pack(x, 3)).Distinct().ToArray(),
            IndustryClasses = f.Industries.Where(x => x.Length == 4 && x.All(char.IsAsciiDigit)).Select(long.Parse).Distinct().ToArray(),
            Divisions = f.Industries.Where(x => x.Length >= 2 && x[..2].All(char.IsAsciiDigit)).Select(x => long.Parse(x[..2])).Distinct().ToArray(),
        };
    }
}

/// <summary>One part of a match: its key, its value 0–1 (null: not comparable, left out), its weight, and what matches or not, in Chinese.</summary>
public sealed record MatchPart(string Key, double? Value, double Weight, bool? Matches, string Text);

/// <summary>
/// The score of a need and an offer and its explanation (ADR 0036): text similarity of the search engine's tokens (Dice
/// coefficient of the bigram sets), IPC and industry overlap, region, maturity against the need's minimum, price against
/// budget, trade mode. Parts a side leaves empty are left out and the weights of the others renormalised.
/// </summary>
public static class MarketScoring
{
    public const double WText = 0.35, WIpc = 0.20, WIndustry = 0.15, WRegion = 0.10, WMaturity = 0.05, WPrice = 0.10, WMode = 0.05;
    /// <summary>Dice at which the text part counts fully.</summary>
    public const double TextFull = 0.4;
    /// <summary>A pair below this score is no match.</summary>
    public const double MinScore = 0.25;
    /// <summary>Matches kept and shown per listing.</summary>
    public const int TopN = 10;
    /// <summary>Least Dice that makes a pair related by its text (else the IPC or the industry must agree).</summary>
    public const double MinDice = 0.05;

    /// <summary>The sorted distinct search codes of a listing's title and description.</summary>
    public static int[] Tokens(string title, string description)
    {
        var set = new HashSet<int>();
        foreach (var text in new[] { title, description })
        {
            var e = new SearchTokens.TokenEnumerator(SearchTokens.Fold(text));
            while (e.MoveNext()) if (e.Current.Length > 1 || SearchTokens.IsCjk(e.Current[0])) set.Add(SearchTokens.Code(e.Current));
        }
        var a = set.ToArray();
        Array.Sort(a);
        return a;
    }

    public static int Intersect(int[] a, int[] b)
    {
        int i = 0, j = 0, n = 0;
        while (i < a.Length && j < b.Length)
        {
            if (a[i] == b[j]) { n++; i++; j++; }
            else if (a[i] < b[j]) i++;
            else j++;
        }
        return n;
    }

    public static double Dice(int common, int a, int b) => a + b == 0 ? 0 : 2.0 * common / (a + b);

    /// <summary>The score only (the hot path of the matcher); null when the pair is not related or below the minimum.</summary>
    public static double? Score(ListingFeatures need, ListingFeatures offer, int commonTokens) =>
        Score(PreparedListing.Of(need), PreparedListing.Of(offer), commonTokens);

    /// <summary>
    /// The same score on listings whose IPC and industry codes were packed into integers once (<see cref="PreparedListing"/>):
    /// the matcher compares one listing with ten thousand without a string operation per pair.
    /// </summary>
    public static double? Score(PreparedListing need, PreparedListing offer, int commonTokens)
    {
        var dice = Dice(commonTokens, need.F.Tokens.Length, offer.F.Tokens.Length);
        var ipc = need.Subclasses.Length == 0 || offer.Subclasses.Length == 0 ? (double?)null
            : Any(need.Groups, offer.Groups) ? 1 : Any(need.Subclasses, offer.Subclasses) ? 0.7 : Any(need.Classes, offer.Classes) ? 0.3 : 0;
        var ind = need.IndustryClasses.Length + need.Divisions.Length == 0 || offer.IndustryClasses.Length + offer.Divisions.Length == 0 ? (double?)null
            : Any(need.IndustryClasses, offer.IndustryClasses) ? 1 : Any(need.Divisions, offer.Divisions) ? 0.6 : 0;
        if (dice < MinDice && ipc is not >= 0.7 && ind is not >= 0.6) return null;
        double sum = WText * Math.Min(1, dice / TextFull), weights = WText;
        Add(ref sum, ref weights, ipc, WIpc);
        Add(ref sum, ref weights, ind, WIndustry);
        Add(ref sum, ref weights, RegionValue(need.F.RegionCode, offer.F.RegionCode), WRegion);
        Add(ref sum, ref weights, MaturityValue(need.F.Maturity, offer.F.Maturity), WMaturity);
        Add(ref sum, ref weights, PriceValue(need.F.Budget, offer.F.Price), WPrice);
        Add(ref sum, ref weights, ModeValue(need.F.TradeModes, offer.F.TradeModes), WMode);
        var score = sum / weights;
        return score < MinScore ? null : score;

        static void Add(ref double s, ref double w, double? v, double weight)
        {
            if (v is not { } x) return;
            s += x * weight;
            w += weight;
        }
    }

    private static bool Any(long[] a, long[] b)
    {
        foreach (var x in a)
            foreach (var y in b)
                if (x == y) return true;
        return false;
    }

    /// <summary>The score with its explanation, part by part.</summary>
    public static (double Score, List<MatchPart> Parts) Explain(ListingFeatures need, ListingFeatures offer, string needText, string offerText,
        IReadOnlyDictionary<string, string> industryNames)
    {
        var common = Intersect(need.Tokens, offer.Tokens);
        var dice = Dice(common, need.Tokens.Length, offer.Tokens.Length);
        var parts = new List<MatchPart>();
        var shared = CommonTerms(needText, offerText, 6);
        parts.Add(new MatchPart("text", Math.Min(1, dice / TextFull), WText, dice >= MinDice,
            dice >= MinDice ? $"文字相似度 {Pct(dice)}（共同词：{string.Join("、", shared)}）" : $"文字相似度低（{Pct(dice)}）"));

        var ipc = IpcValue(need.Ipc, offer.Ipc, out var ipcText);
        parts.Add(new MatchPart("ipc", ipc, WIpc, ipc is null ? null : ipc >= 0.7, ipcText));
        var ind = IndustryValue(need.Industries, offer.Industries, out var indCode);
        parts.Add(new MatchPart("industry", ind, WIndustry, ind is null ? null : ind >= 0.6, ind switch
        {
            null => "一方未填写行业",
            >= 1 => $"行业相同：{IndustryLabel(indCode!, industryNames)}",
            > 0 => $"行业同属大类：{IndustryLabel(indCode!, industryNames)}",
            _ => "行业不同",
        }));
        var region = RegionValue(need.RegionCode, offer.RegionCode);
        parts.Add(new MatchPart("region", region, WRegion, region is null ? null : region >= 0.8, region switch
        {
            null => "一方未填写地区",
            >= 1 => "地区相同（同一县区）",
            >= 0.8 => "地区相近（同一设区市）",
            > 0 => "地区相近（同一省份）",
            _ => "地区不同",
        }));
        var maturity = MaturityValue(need.Maturity, offer.Maturity);
        parts.Add(new MatchPart("maturity", maturity, WMaturity, maturity is null ? null : maturity >= 1, maturity switch
        {
            null => need.Maturity is null ? "需求未要求技术成熟度" : "成果未填写技术成熟度",
            >= 1 => $"技术成熟度 TRL {offer.Maturity} 达到要求（不低于 TRL {need.Maturity}）",
            > 0 => $"技术成熟度 TRL {offer.Maturity} 略低于要求（TRL {need.Maturity}）",
            _ => $"技术成熟度 TRL {offer.Maturity} 低于要求（TRL {need.Maturity}）",
        }));
        var price = PriceValue(need.Budget, offer.Price);
        parts.Add(new MatchPart("price", price, WPrice, price is null ? null : price >= 1, (need.Budget, offer.Price, price) switch
        {
            (null, _, _) => "需求未说明预算",
            (_, null, _) => "成果价格面议",
            (_, _, >= 1) => $"价格 {Money(offer.Price!.Value)} 在预算 {Money(need.Budget!.Value)} 内",
            (_, _, > 0) => $"价格 {Money(offer.Price!.Value)} 略超预算 {Money(need.Budget!.Value)}",
            _ => $"价格 {Money(offer.Price!.Value)} 超出预算 {Money(need.Budget!.Value)}",
        }));
        var mode = ModeValue(need.TradeModes, offer.TradeModes);
        parts.Add(new MatchPart("mode", mode, WMode, mode is null ? null : mode >= 1, mode switch
        {
            null => "需求未限定交易方式",
            >= 1 => $"交易方式相符：{Modes(need.TradeModes.Intersect(offer.TradeModes))}",
            _ => $"交易方式不符（需求：{Modes(need.TradeModes)}；成果：{Modes(offer.TradeModes)}）",
        }));
        double sum = 0, weights = 0;
        foreach (var p in parts.Where(p => p.Value is not null)) { sum += p.Value!.Value * p.Weight; weights += p.Weight; }
        return (weights == 0 ? 0 : sum / weights, parts);
    }

    private static string Modes(IEnumerable<string> modes) => string.Join("、", modes.Select(m => MarketVocab.TradeModes.GetValueOrDefault(m, m)));
    private static string Pct(double x) => (x * 100).ToString("0", CultureInfo.InvariantCulture) + "%";

    public static string Money(decimal yuan) => yuan >= 10_000m
        ? (yuan / 10_000m).ToString("0.##", CultureInfo.InvariantCulture) + " 万元"
        : yuan.ToString("0.##", CultureInfo.InvariantCulture) + " 元";

    private static string IndustryLabel(string code, IReadOnlyDictionary<string, string> names) =>
        names.TryGetValue(code, out var n) ? $"{n}（{code}）" : code;

    /// <summary>Shared CJK bigrams and words of the two texts, in the order of the first, at most <paramref name="max"/>.</summary>
    public static List<string> CommonTerms(string first, string second, int max)
    {
        var other = new HashSet<string>(SearchTokens.TokenList(second));
        var result = new List<string>();
        foreach (var t in SearchTokens.TokenList(first))
        {
            if (t.Length < 2 || !other.Contains(t) || result.Contains(t)) continue;
            result.Add(t);
            if (result.Count == max) break;
        }
        return result;
    }

    /// <summary>Subclass (A61K) of a symbol.</summary>
    public static string Subclass(string ipc) => ipc.Length >= 4 ? ipc[..4] : ipc;

    /// <summary>Main group (A61K 31) of a symbol, or null for a bare subclass.</summary>
    public static string? Group(string ipc)
    {
        var s = ipc.Split('/')[0].Trim();
        return s.Length > 4 ? s[..4] + " " + s[4..].Trim() : null;
    }

    public static double? IpcValue(string[] a, string[] b, out string text)
    {
        if (a.Length == 0 || b.Length == 0) { text = "一方未填写 IPC 分类"; return null; }
        foreach (var x in a)
            if (Group(x) is { } g && b.Any(y => Group(y) == g)) { text = $"IPC 相同大组 {g}"; return 1; }
        foreach (var x in a)
            if (b.Any(y => Subclass(y) == Subclass(x))) { text = $"IPC 相同小类 {Subclass(x)}"; return 0.7; }
        foreach (var x in a)
            if (x.Length >= 3 && b.Any(y => y.Length >= 3 && y[..3] == x[..3])) { text = $"IPC 同属大类 {x[..3]}"; return 0.3; }
        text = $"IPC 不同（{Subclass(a[0])} / {Subclass(b[0])}）";
        return 0;
    }

    public static double? IndustryValue(string[] a, string[] b, out string? code)
    {
        code = null;
        if (a.Length == 0 || b.Length == 0) return null;
        foreach (var x in a)
            if (x.Length == 4 && b.Contains(x)) { code = x; return 1; }
        foreach (var x in a)
            if (x.Length >= 2 && b.Any(y => y.Length >= 2 && y[..2] == x[..2])) { code = x[..2]; return 0.6; }
        return 0;
    }

    public static double? RegionValue(string? a, string? b)
    {
        if (a is not { Length: 6 } || b is not { Length: 6 }) return null;
        if (a == b) return 1;
        if (string.CompareOrdinal(a, 0, b, 0, 4) == 0) return 0.8;
        if (string.CompareOrdinal(a, 0, b, 0, 2) == 0) return 0.5;
        return 0;
    }

    public static double? MaturityValue(int? min, int? level) =>
        min is null || level is null ? null : level >= min ? 1 : level == min - 1 ? 0.5 : 0;

    public static double? PriceValue(decimal? budget, decimal? price) =>
        budget is null ? null : price is null ? 0.5 : price <= budget ? 1 : price <= budget * 1.2m ? 0.5 : 0;

    public static double? ModeValue(string[] wanted, string[] offered) =>
        wanted.Length == 0 || offered.Length == 0 ? null : Array.Exists(wanted, w => Array.IndexOf(offered, w) >= 0) ? 1 : 0;
}
