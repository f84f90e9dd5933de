using System.Text.RegularExpressions;

namespace Zhichan.Api.Features.Records.Normalisation;

/// <summary>A postcode's county as the stored addresses teach it: how many addresses with that postcode named a county, and how many of them this one.</summary>
public sealed record LearnedCounty(string Postcode, string CountyCode, int Agreeing, int Total);

/// <summary>
/// 6-digit postcode → county, learned from the addresses that name their county (ADR 0019), for the addresses with the
/// same postcode that stop at their city (陕西省西安市翠华南路17号, 710061).
/// <para>Rule (<see cref="Learn"/>): at least <see cref="DefaultMinSamples"/> addresses with the postcode named a county,
/// and at least <see cref="DefaultMinShare"/> of them the same one. A postcode that several counties share (518000 for all
/// of 深圳) gives no county. Only counties read from the address text may be samples — never one found through a postcode,
/// a township or a zone — so the table cannot teach itself.</para>
/// <para>The same samples teach the counties of streets (<see cref="StreetOf"/>: 花牌坊街 in 成都 is named with 金牛区): a
/// postcode's county is not taken when the address's street is known from at least <see cref="StreetMinSamples"/> addresses
/// of its city and fewer than half of them name that county (<see cref="StreetDisagrees"/>). Institutions write the postcode
/// of another campus or office (成都市花牌坊街2号 with 611730 of 郫都区): the hand-read sample's wrong completions were of
/// that kind (bench/findings-attribution.md).</para>
/// </summary>
public sealed partial class PostcodeCounties
{
    public const int DefaultMinSamples = 5;
    public const double DefaultMinShare = 0.95;
    /// <summary>Addresses of a street that must name their county before the street may contradict a postcode.</summary>
    public const int StreetMinSamples = 2;

    private readonly Dictionary<int, LearnedCounty> _counties;
    private readonly Dictionary<string, Dictionary<string, int>> _streets;

    private PostcodeCounties(Dictionary<int, LearnedCounty> counties, Dictionary<string, Dictionary<string, int>> streets)
    {
        _counties = counties;
        _streets = streets;
    }

    public static PostcodeCounties Empty { get; } = new([], []);

    /// <summary>Number of (city, street) pairs learned.</summary>
    public int Streets => _streets.Count;

    /// <summary>Number of postcodes with a county.</summary>
    public int Count => _counties.Count;

    /// <summary>Learns the table from (postcode, county code read from the address) samples; see the class summary for the rule.</summary>
    public static PostcodeCounties Learn(IEnumerable<(string? Postcode, string? CountyCode)> samples,
        int minSamples = DefaultMinSamples, double minShare = DefaultMinShare) =>
        Learn(samples.Select(s => (s.Postcode, s.CountyCode, (string?)null)), minSamples, minShare);

    /// <summary>Learns the postcode table and the streets' counties from (postcode, county read from the address, address) samples.</summary>
    public static PostcodeCounties Learn(IEnumerable<(string? Postcode, string? CountyCode, string? Address)> samples,
        int minSamples = DefaultMinSamples, double minShare = DefaultMinShare)
    {
        var counts = new Dictionary<int, Dictionary<string, int>>();
        var streets = new Dictionary<string, Dictionary<string, int>>(StringComparer.Ordinal);
        foreach (var (postcode, county, address) in samples)
        {
            if (string.IsNullOrEmpty(county)) continue;
            if (county.Length == 6 && StreetOf(address) is { } street)
            {
                var key = StreetKey(county, street);
                if (!streets.TryGetValue(key, out var byCounty)) streets[key] = byCounty = new Dictionary<string, int>(1, StringComparer.Ordinal);
                byCounty[county] = byCounty.GetValueOrDefault(county) + 1;
            }
            if (!PostcodeIndex.TryParse(postcode, out var pc)) continue;
            if (!counts.TryGetValue(pc, out var perCounty)) counts[pc] = perCounty = new Dictionary<string, int>(2);
            perCounty[county] = perCounty.GetValueOrDefault(county) + 1;
        }
        var result = new Dictionary<int, LearnedCounty>();
        foreach (var (pc, perCounty) in counts)
        {
            var total = 0;
            var best = (County: "", N: 0);
            foreach (var (county, n) in perCounty)
            {
                total += n;
                if (n > best.N || n == best.N && string.CompareOrdinal(county, best.County) < 0) best = (county, n);
            }
            if (total >= minSamples && best.N >= minShare * total) result[pc] = new LearnedCounty(pc.ToString("000000"), best.County, best.N, total);
        }
        return new PostcodeCounties(result, streets);
    }

    /// <summary>
    /// Whether the address's street, as the addresses of its city that name their county know it, contradicts
    /// <paramref name="countyCode"/>: at least <see cref="StreetMinSamples"/> of them and fewer than half in that county.
    /// </summary>
    public bool StreetDisagrees(string? address, string countyCode, out (string Street, int Agreeing, int Total)? street)
    {
        street = null;
        if (countyCode.Length != 6 || StreetOf(address) is not { } name || !_streets.TryGetValue(StreetKey(countyCode, name), out var byCounty)) return false;
        var total = byCounty.Values.Sum();
        var agreeing = byCounty.GetValueOrDefault(countyCode);
        street = (name, agreeing, total);
        return total >= StreetMinSamples && agreeing * 2 < total;
    }

    private static string StreetKey(string countyCode, string street) => countyCode[..4] + ":" + street;

    /// <summary>
    /// The first street of an address after its region names (陕西省西安市翠华南路17号 → 翠华南路; 辽宁省大连市沙河口区中山路457号 →
    /// 中山路), or null: a road, street, avenue or lane name of up to 8 characters that follows 省, 市, 区, 县 or 旗 and contains none
    /// of them.
    /// </summary>
    public static string? StreetOf(string? address) =>
        address is null || StreetPattern().Match(address) is not { Success: true } m ? null : m.Groups[1].Value;

    [GeneratedRegex(@"[省市区县旗]([^省市区县旗\s,，;；()（）]{1,8}?(?:大道|大街|路|街|巷))")]
    private static partial Regex StreetPattern();

    /// <summary>The county a postcode teaches, or null when it is unknown, shared or malformed.</summary>
    public LearnedCounty? Find(string? postcode) => PostcodeIndex.TryParse(postcode, out var pc) ? _counties.GetValueOrDefault(pc) : null;
}
