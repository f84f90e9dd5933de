namespace Zhichan.Api.Features.Records.Normalisation;

/// <summary>
/// The county of an address that names its city but not its county (ADR 0019): from a township or a zone of the city that
/// the official township list places in one county (during normalisation), or from the postcode when the addresses that do
/// name their county teach one county for it (<see cref="PostcodeCounties"/>, after an import and in the re-attribution).
/// Kept apart from the address rules of <see cref="Resolve"/>, which calls <see cref="TownshipCounty"/> once.
/// </summary>
public sealed partial class RegionResolver
{
    /// <summary>Confidence of a county found from a township name (乡镇街道名) in the address.</summary>
    public const double TownshipConfidence = 0.9;
    /// <summary>Confidence of a county found from a zone the township list files under one county (开发区所在区县).</summary>
    public const double ZoneConfidence = 0.9;
    /// <summary>Confidence of a county found from a learned postcode (邮政编码).</summary>
    public const double PostcodeCountyConfidence = 0.85;

    /// <summary>The official township list the county rules read (empty: the rules find nothing).</summary>
    public TownshipIndex Townships { get; private init; } = TownshipIndex.Empty;

    /// <summary>The same resolver reading townships and zones from <paramref name="townships"/>.</summary>
    public RegionResolver WithTownships(TownshipIndex townships) => new(_g, _postcodes) { Townships = townships };

    /// <summary>A township or zone of the city named in <paramref name="rest"/> (the address after the city): its county's index, or -1.</summary>
    private TownshipHit? TownshipCounty(ReadOnlySpan<char> rest, int city, out int county)
    {
        county = -1;
        if (!_g.HasCounties[city]) return null;
        var name = _g[city].Name;
        var shortName = RegionGazetteer.ShortName(name, RegionLevel.City);
        if (rest.StartsWith(name, StringComparison.Ordinal)) rest = rest[name.Length..];
        else if (shortName is not null && rest.StartsWith(shortName, StringComparison.Ordinal)) rest = rest[shortName.Length..];
        if (Townships.Find(_g[city].Code, rest) is not { } hit) return null;
        county = _g.IndexOf(hit.CountyCode);
        return county >= 0 && _g.CityOf[county] == city ? hit : null;
    }

    private RegionMatch WithTownship(RegionMatch m, TownshipHit hit)
    {
        var county = _g.Find(m.CountyCode)!.Name;
        return hit.Kind == TownshipKind.Township
            ? m with { Rule = m.Rule + RegionRules.TownshipSuffix, Confidence = TownshipConfidence, Evidence = $"县区由地址中的乡镇街道名“{hit.Name}”确定（区划代码表中该名称在本市仅属{county}）" }
            : m with { Rule = m.Rule + RegionRules.ZoneSuffix, Confidence = ZoneConfidence, Evidence = $"县区由地址中的开发区确定（区划代码表将“{hit.Name}”列于{county}之下，且本市无同名单位）" };
    }

    /// <summary>
    /// Words of an address in a development zone, high-tech park or new area. Applicants there often write the postcode of an
    /// office or of the district the zone used to belong to: in the hand-read sample, 5 of the 7 wrong postcode completions
    /// and 3 of the 8 doubtful ones named a zone (bench/findings-attribution.md), so the postcode decides no county for them.
    /// "高新" alone covers the zones' own road names (西安市高新6路 lies in the 高新区 of 雁塔区, its postcode in 碑林区).
    /// </summary>
    private static readonly string[] ZoneWords =
        ["开发区", "高新", "新区", "科技城", "创新城", "工业园", "产业园", "园区", "科技园", "保税区", "经济区", "集中区", "示范区", "试验区", "自贸区"];

    /// <summary>Whether the address names a development zone, park or new area (<see cref="ZoneWords"/>).</summary>
    public static bool NamesZone(string? address) => address is not null && ZoneWords.Any(w => address.Contains(w, StringComparison.Ordinal));

    /// <summary>
    /// The county from the learned postcode table when <paramref name="m"/> stopped at a city that has counties: the postcode's
    /// county must lie in that city, the address must not name a zone (<see cref="ZoneWords"/>), and its street must not be
    /// known in another county (<see cref="PostcodeCounties.StreetDisagrees"/>). Returns
    /// <paramref name="m"/> unchanged otherwise.
    /// </summary>
    public RegionMatch CompleteCounty(RegionMatch m, string? postcode, PostcodeCounties counties, string? address)
    {
        if (m.CountyCode is not null || m.CityCode is null || counties.Count == 0 || NamesZone(address)) return m;
        var city = _g.IndexOf(m.CityCode);
        if (city < 0 || !_g.HasCounties[city] || counties.Find(postcode) is not { } learned) return m;
        var county = _g.IndexOf(learned.CountyCode);
        if (county < 0 || _g.CityOf[county] != city || counties.StreetDisagrees(address, learned.CountyCode, out var street)) return m;
        return m with
        {
            CountyCode = learned.CountyCode,
            Rule = m.Rule + RegionRules.PostcodeCountySuffix,
            Confidence = PostcodeCountyConfidence,
            Evidence = $"县区由邮政编码 {learned.Postcode} 推定：写明县区且带此邮编的 {learned.Total} 条地址中 {learned.Agreeing} 条在{_g[county].Name}"
                       + (street is { } st ? $"；写明县区的“{st.Street}”地址 {st.Total} 条中 {st.Agreeing} 条在{_g[county].Name}" : ""),
        };
    }

    private string ExplainCounty(RegionMatch match) => ExplainNew(match with { Evidence = null }).Replace("；县区未识别", "", StringComparison.Ordinal) + "；" + match.Evidence;

    /// <summary>The address rule a rule code starts with (prefix+township → prefix).</summary>
    private static string BaseRule(string rule)
    {
        var plus = rule.IndexOf('+');
        return plus < 0 ? rule : rule[..plus];
    }
}

/// <summary>Chinese names of the region rules and their suffixes, as the record page shows them.</summary>
public static class RegionRuleNames
{
    private static readonly Dictionary<string, string> Names = new(StringComparer.Ordinal)
    {
        [RegionRules.Prefix] = "地址前缀匹配",
        [RegionRules.CityFirst] = "地址以地级市开头",
        [RegionRules.CountyFirst] = "地址以唯一县区名开头",
        [RegionRules.Postcode] = "邮政编码推定地市",
        [RegionRules.Foreign] = "国外地址",
        [RegionRules.None] = "无法识别",
        [RegionRules.Empty] = "地址为空",
        [RegionRules.PostcodeSuffix] = "邮政编码辅助",
        [RegionRules.TownshipSuffix] = "乡镇街道名",
        [RegionRules.ZoneSuffix] = "开发区所在区县",
        [RegionRules.PostcodeCountySuffix] = "邮政编码（学得）",
        ["address"] = "申请人地址",
        ["name"] = "申请人名称",
    };

    /// <summary>"prefix+township" → "地址前缀匹配 + 乡镇街道名"; "address:prefix" → "申请人地址：地址前缀匹配"; an unknown part stays as it is.</summary>
    public static string Of(string? rule)
    {
        if (string.IsNullOrEmpty(rule)) return "";
        var colon = rule.IndexOf(':');
        if (colon > 0) return $"{Names.GetValueOrDefault(rule[..colon], rule[..colon])}：{Of(rule[(colon + 1)..])}";
        var parts = new List<string>(3);
        var start = 0;
        for (var i = 1; i <= rule.Length; i++)
        {
            if (i < rule.Length && rule[i] != '+') continue;
            var part = rule[start..i];
            parts.Add(Names.GetValueOrDefault(part) ?? Names.GetValueOrDefault(part.TrimStart('+')) ?? part);
            start = i;
        }
        return string.Join(" + ", parts);
    }
}
