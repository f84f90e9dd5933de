using static Zhichan.Api.Features.Records.Normalisation.RegionGazetteer;

namespace Zhichan.Api.Features.Records.Normalisation;

/// <summary>Result of <see cref="RegionResolver.Resolve"/>: 6-digit codes (null when not determined), the rule that decided and a confidence 0–1.</summary>
public sealed record RegionMatch(string? ProvinceCode, string? CityCode, string? CountyCode, string Rule, double Confidence)
{
    public bool IsForeign => Rule == RegionRules.Foreign;

    /// <summary>What placed the address in its county when the address did not name it (a township, a zone, a learned postcode), in Chinese.</summary>
    public string? Evidence { get; init; }

    /// <summary>The most precise code found (county, else city, else province).</summary>
    public string? Code => CountyCode ?? CityCode ?? ProvinceCode;
}

/// <summary>Machine codes of <see cref="RegionMatch.Rule"/>.</summary>
public static class RegionRules
{
    /// <summary>The address starts with a province; city and county follow it.</summary>
    public const string Prefix = "prefix";
    /// <summary>The address starts with a city (深圳市南山区…); the province is the city's.</summary>
    public const string CityFirst = "city-first";
    /// <summary>The address starts with a county name that is unique in the country (苏州工业园区…).</summary>
    public const string CountyFirst = "county-first";
    /// <summary>The address gave no region; the learned postcode index gave the city.</summary>
    public const string Postcode = "postcode";
    /// <summary>Suffix: the postcode completed or disambiguated what the address gave (prefix+postcode).</summary>
    public const string PostcodeSuffix = "+postcode";
    /// <summary>Suffix: the city was named, its county came from a township name of the address (ADR 0019).</summary>
    public const string TownshipSuffix = "+township";
    /// <summary>Suffix: the city was named, its county came from a zone the township list files under one county.</summary>
    public const string ZoneSuffix = "+zone";
    /// <summary>Suffix: the city was named, its county came from the postcode as the stored addresses that name their county teach it.</summary>
    public const string PostcodeCountySuffix = "+postcode-county";
    public const string Foreign = "foreign";
    /// <summary>An applicant in China (country CN) whose address is romanised (EP, DOCDB): matched on the divisions' pinyin.</summary>
    public const string Romanised = "romanised";
    /// <summary>An applicant in China without an address whose romanised name begins with a division (BEIJING XIAOMI …).</summary>
    public const string RomanisedName = "romanised-name";
    public const string None = "none";
    public const string Empty = "empty";
}

/// <summary>
/// Resolves applicant addresses to province / city / county codes. Built once per gazetteer (and postcode index);
/// thread-safe; no regex and no allocation per call beyond the result.
/// <para>Rules, in order:</para>
/// <list type="number">
/// <item>Clean: full-width folded, whitespace dropped; a leading 6-digit postcode is taken as the postcode when none was
/// given; leading 中华人民共和国 / 中国大陆 / 中国 removed (中国台湾…, 中国(上海)自由贸易试验区…).</item>
/// <item>Province: the longest province name or short form at the start (江苏省, 江苏, 内蒙古, 广西, 台湾, 香港 …).
/// No province and the address starts with a foreign country, or has no Chinese character at all → rule foreign.</item>
/// <item>After a province: the longest city or county name in that province (full name or short form, 徐州 / 如皋市 / 临安);
/// a city wins a tie. Municipalities (北京 天津 上海 重庆) go straight to their districts, city code = XX0100 (500200 for
/// Chongqing's 县).</item>
/// <item>Without a province: a city full name (深圳市…) or short form not followed by 区/县/旗 (朝阳区 is not 朝阳市), or a
/// county full name that is unique in the country (苏州工业园区); an ambiguous county (鼓楼区) is never taken on its own.</item>
/// <item>After a city: the longest county of that city — full name, short form (renamed 县/市 → 区 keep their stem:
/// 临安市 → 临安区), or a development zone without the city in front (南通市经济技术开发区 → 320671).</item>
/// <item>Ambiguity left (鼓楼区 in a province with two) or no city: the postcode index may decide, only within the
/// province the address gave. A city with a single county (嘉峪关) fills it.</item>
/// </list>
/// <para>Confidence: county from the address 0.97 (0.95 through a short form or alias), city only 0.85 (0.97 when the city has
/// no counties: 东莞, 中山), province only 0.6 (0.95 for Taiwan, Hong Kong, Macao, which have no further level here),
/// city-first −0.02, county-first 0.9, city from the postcode 0.75, county disambiguated by the postcode 0.9, foreign 0.9.</para>
/// </summary>
public sealed partial class RegionResolver
{
    private const int MaxChars = 64;
    private readonly RegionGazetteer _g;
    private readonly PostcodeIndex _postcodes;
    private readonly Dictionary<int, int> _postcodeCity = [];

    public RegionResolver(RegionGazetteer gazetteer, PostcodeIndex? postcodes = null)
    {
        _g = gazetteer;
        _postcodes = postcodes ?? PostcodeIndex.Empty;
        foreach (var (pc, city) in _postcodes.Table)
        {
            var i = _g.IndexOf(city);
            if (i >= 0 && PostcodeIndex.TryParse(pc, out var p)) _postcodeCity[p] = i;
        }
    }

    public RegionGazetteer Gazetteer => _g;

    public PostcodeIndex Postcodes => _postcodes;

    /// <summary>The same resolver with a (newly learned) postcode index.</summary>
    public RegionResolver WithPostcodes(PostcodeIndex postcodes) => new(_g, postcodes) { Townships = Townships };

    public RegionMatch Resolve(string? address, string? postcode = null)
    {
        Span<char> buf = stackalloc char[MaxChars];
        var n = 0;
        if (address is not null)
        {
            foreach (var ch in address)
            {
                var c = TextWidth.ToHalfWidth(ch);
                if (char.IsWhiteSpace(c) || c is '"' or '\'') continue;
                buf[n++] = c;
                if (n == MaxChars) break;
            }
        }
        ReadOnlySpan<char> s = buf[..n];
        var pos = 0;

        var pc = PostcodeIndex.TryParse(postcode, out var p) ? p : 0;
        var digits = 0;
        while (digits < s.Length && char.IsAsciiDigit(s[digits])) digits++;
        if (digits == 6 && pc == 0 && PostcodeIndex.TryParse(s[..6], out p)) pc = p;
        pos = digits;
        SkipPunctuation(s, ref pos);
        if (s[pos..].StartsWith("中华人民共和国")) pos += 7;
        else if (s[pos..].StartsWith("中国大陆")) pos += 4;
        else if (s[pos..].StartsWith("中国")) pos += 2;
        SkipPunctuation(s, ref pos);
        if (pos < s.Length && s[pos] == '(') pos++;

        if (pos >= s.Length)
            return pc != 0 && PostcodeOnly(pc) is { } m0 ? m0 : new RegionMatch(null, null, null, address is null || n == 0 ? RegionRules.Empty : RegionRules.None, 0);

        Span<int> cands = stackalloc int[16];
        int province = -1, city = -1, county = -1;
        var rule = RegionRules.Prefix;
        var weak = false;        // a short form or alias was needed
        var byPostcode = false;

        // 1. Province.
        var count = Match(s[pos..], Mode.Province, -1, cands, out var len, out var kind);
        if (count == 1)
        {
            province = cands[0];
            pos += len;
            weak |= kind != NameKind.Full;
            if (kind != NameKind.Full && pos < s.Length && s[pos] is '省' or '市') pos++;   // 广西省, 北京北京市
            SkipJoiners(s, ref pos);
        }
        else
        {
            if (ForeignNames.MatchCountry(s[pos..]) > 0 || !TextWidth.ContainsCjk(s[pos..]))
                return new RegionMatch(null, null, null, RegionRules.Foreign, 0.9);
        }

        // 2. City (or a county straight after the province / at the start).
        if (province >= 0 && !_g.IsMunicipality[province])
        {
            count = Match(s[pos..], Mode.InProvince, province, cands, out len, out kind);
            Take(cands, count, ref city, ref county);
        }
        else if (province < 0)
        {
            count = Match(s[pos..], Mode.Global, -1, cands, out len, out kind);
            if (count > 0)
            {
                rule = _g.LevelOf[cands[0]] == RegionLevel.City ? RegionRules.CityFirst : RegionRules.CountyFirst;
                Take(cands, count, ref city, ref county);
            }
        }
        if (count >= 1 && (city >= 0 || county >= 0))
        {
            pos += len;
            weak |= kind != NameKind.Full;
            if (kind != NameKind.Full && county < 0)
            {
                // The suffix after a short form: 徐州市 read as 徐州; 林芝地区 (林芝市 since 2015) read as 林芝.
                if (s[pos..].StartsWith("地区")) pos += 2;
                else if (pos < s.Length && s[pos] is '市' or '盟' or '州') pos++;
            }
            SkipJoiners(s, ref pos);
        }

        // 3. County within the city (or within the municipality).
        if (county < 0 && count <= 1 && (city >= 0 || province >= 0 && _g.IsMunicipality[province]))
        {
            var scope = city >= 0 ? city : province;
            count = Match(s[pos..], city >= 0 ? Mode.InCity : Mode.InMunicipality, scope, cands, out len, out kind);
            if (count == 1) { county = cands[0]; weak |= kind != NameKind.Full; }
            else if (count == 0 && city >= 0 && Match(s[pos..], Mode.CountyInProvince, _g.ProvinceOf[city], cands, out len, out kind) == 1)
            {
                // The address names a county (县 / county-level 市) of another city of the province: the city it had before a
                // reorganisation (广西柳州市忻城县: 忻城县 belongs to 来宾市 since 2002). The county decides.
                county = cands[0];
                weak = true;
            }
        }

        // 4. Ambiguous county names: let the postcode choose among them.
        if (count > 1 && county < 0)
        {
            var pcCity = PostcodeCity(pc);
            if (pcCity >= 0)
            {
                var pick = -1;
                for (var i = 0; i < count; i++)
                {
                    var c = cands[i];
                    var cCity = _g.LevelOf[c] == RegionLevel.City ? c : _g.CityOf[c];
                    if (cCity == pcCity) pick = pick == -1 ? c : -2;
                }
                if (pick >= 0)
                {
                    if (_g.LevelOf[pick] == RegionLevel.City) city = pick; else county = pick;
                    byPostcode = true;
                }
            }
        }

        if (county >= 0) { city = _g.CityOf[county]; province = _g.ProvinceOf[county]; }
        else if (city >= 0)
        {
            province = _g.ProvinceOf[city];
            if (_g.SoleCounty[city] >= 0) county = _g.SoleCounty[city];
        }

        // 3b. The city named but no county: a township or zone of that city may place it (RegionResolver.Counties.cs).
        var township = county < 0 && city >= 0 ? TownshipCounty(s[pos..], city, out county) : null;

        // A municipality named without a district: 北京 / 天津 / 上海 have one (pseudo-)city, 重庆 two.
        if (city < 0 && province >= 0 && _g.IsMunicipality[province]) city = _g.SoleCity[province];

        // 5. No city from the address: the postcode, if it agrees with the province.
        if (city < 0)
        {
            var pcCity = PostcodeCity(pc);
            if (pcCity >= 0 && (province < 0 || _g.ProvinceOf[pcCity] == province))
            {
                if (province < 0) rule = RegionRules.Postcode;
                else byPostcode = true;
                city = pcCity;
                province = _g.ProvinceOf[pcCity];
                if (_g.SoleCounty[city] >= 0) county = _g.SoleCounty[city];
            }
        }
        if (province < 0) return new RegionMatch(null, null, null, RegionRules.None, 0);

        double confidence;
        if (rule == RegionRules.Postcode) confidence = 0.75;
        else if (county >= 0) confidence = byPostcode ? 0.9 : weak ? 0.95 : 0.97;
        else if (city >= 0) confidence = byPostcode ? 0.75 : _g.HasCounties[city] ? 0.85 : weak ? 0.95 : 0.97;
        else confidence = _g[province].Code is "710000" or "810000" or "820000" ? 0.95 : 0.6;
        if (rule == RegionRules.CityFirst) confidence -= 0.02;
        else if (rule == RegionRules.CountyFirst) confidence = Math.Min(confidence, 0.9);
        if (byPostcode) rule += RegionRules.PostcodeSuffix;
        if (township is not null) return WithTownship(new RegionMatch(_g[province].Code, _g[city].Code, _g[county].Code, rule, Math.Round(confidence, 2)), township);

        return new RegionMatch(_g[province].Code, city >= 0 ? _g[city].Code : null, county >= 0 ? _g[county].Code : null, rule, Math.Round(confidence, 2));
    }

    private void Take(ReadOnlySpan<int> cands, int count, ref int city, ref int county)
    {
        if (count != 1) return;
        if (_g.LevelOf[cands[0]] == RegionLevel.City) city = cands[0];
        else county = cands[0];
    }

    /// <summary>A Chinese explanation of a match, e.g. "地址前缀匹配：江苏省→徐州市→泉山区".</summary>
    public string Explain(RegionMatch match) =>
        // one text per rule and region (a few thousand), made once rather than for each of hundreds of thousands of records
        match.Evidence is null ? _explained.GetOrAdd((match.Rule, match.ProvinceCode, match.CityCode, match.CountyCode), _ => ExplainNew(match))
            : ExplainCounty(match);

    private readonly System.Collections.Concurrent.ConcurrentDictionary<(string, string?, string?, string?), string> _explained = new();

    private string ExplainNew(RegionMatch match)
    {
        var rule = match.Rule;
        if (rule == RegionRules.Foreign) return "国外地址：不计入国内地区";
        if (rule == RegionRules.Empty) return "地址为空";
        if (rule == RegionRules.None) return "无法从地址和邮编识别地区";
        if (rule is RegionRules.Romanised or RegionRules.RomanisedName && match.ProvinceCode is null)
            return rule == RegionRules.Romanised ? "申请人国别为中国，拼音地址中未识别出行政区划" : "申请人国别为中国且无地址，名称中未识别出行政区划";
        var chain = string.Join("→", new[] { match.ProvinceCode, match.CityCode, match.CountyCode }
            .Select(c => _g.Find(c)).Where(r => r is not null && !IsPseudo(r)).Select(r => r!.Name));
        var postcode = rule.EndsWith(RegionRules.PostcodeSuffix, StringComparison.Ordinal);
        var head = BaseRule(rule) switch
        {
            RegionRules.Prefix => "地址前缀匹配",
            RegionRules.CityFirst => "地址以地级市开头，省份由市推出",
            RegionRules.CountyFirst => "地址以全国唯一的县区名开头，上级由县区推出",
            RegionRules.Postcode => "地址未能识别，按邮编推定",
            RegionRules.Romanised => "申请人国别为中国，按拼音地址匹配",
            RegionRules.RomanisedName => "申请人国别为中国且无地址，按名称开头的拼音地名推定",
            _ => rule,
        };
        var text = $"{head}：{chain}";
        if (postcode && rule != RegionRules.Postcode) text += "（邮编辅助判定）";
        if (match.CountyCode is null && match.CityCode is not null) text += "；县区未识别";
        else if (match.CityCode is null && match.ProvinceCode is not null && _g.ChildrenOf(match.ProvinceCode).Any()) text += "；地市未识别";
        return text;
    }

    private static bool IsPseudo(Region r) => r.Level == RegionLevel.City && (r.Name is "市辖区" or "县" || r.Name.EndsWith("直辖县级行政区划", StringComparison.Ordinal));

    private RegionMatch? PostcodeOnly(int pc)
    {
        var city = PostcodeCity(pc);
        if (city < 0) return null;
        var county = _g.SoleCounty[city];
        return new RegionMatch(_g[_g.ProvinceOf[city]].Code, _g[city].Code, county >= 0 ? _g[county].Code : null, RegionRules.Postcode, 0.75);
    }

    private int PostcodeCity(int pc) => pc != 0 && _postcodeCity.TryGetValue(pc, out var c) ? c : -1;

    private enum Mode { Province, InProvince, InCity, InMunicipality, CountyInProvince, Global }

    /// <summary>
    /// Longest name at the start of <paramref name="text"/> accepted in <paramref name="mode"/>; fills the distinct candidate
    /// regions found at that length (cities first in province scope) and returns how many.
    /// </summary>
    private int Match(ReadOnlySpan<char> text, Mode mode, int scope, Span<int> cands, out int length, out NameKind kind)
    {
        length = 0;
        kind = NameKind.Full;
        Span<(int Length, int Node)> hits = stackalloc (int, int)[24];
        var h = _g.Prefixes(text, hits);
        for (var k = h - 1; k >= 0; k--)
        {
            var (len, node) = hits[k];
            var count = 0;
            var cities = 0;
            var bestKind = NameKind.Alias;
            var after = text[len..];
            foreach (var e in _g.EntriesAt(node))
            {
                if (!Accepts(e, mode, scope, after)) continue;
                var r = e.Region;
                if (cands[..count].Contains(r)) continue;
                if (count == cands.Length) break;
                cands[count++] = r;
                if (_g.LevelOf[r] == RegionLevel.City) cities++;
                if (e.Kind < bestKind) bestKind = e.Kind;
            }
            if (count == 0) continue;
            if (cities > 0 && cities < count)
            {
                // A city and a county of the same name in one province: the city wins (吉林 / 朝阳).
                var j = 0;
                for (var i = 0; i < count; i++) if (_g.LevelOf[cands[i]] == RegionLevel.City) cands[j++] = cands[i];
                count = j;
            }
            length = len;
            kind = bestKind;
            return count;
        }
        return 0;
    }

    private bool Accepts(Entry e, Mode mode, int scope, ReadOnlySpan<char> after)
    {
        var r = e.Region;
        var level = _g.LevelOf[r];
        if (e.Kind == NameKind.Short && level == RegionLevel.County && IsStreetName(after)) return false;
        switch (mode)
        {
            case Mode.Province:
                return level == RegionLevel.Province;
            case Mode.InProvince:
                return level != RegionLevel.Province && e.Kind != NameKind.Alias && _g.ProvinceOf[r] == scope;
            case Mode.CountyInProvince:
                // Only 县 and county-level 市 move between prefectures; district names repeat (桥东区, 城中区) and are not trusted.
                return level == RegionLevel.County && e.Kind == NameKind.Full && _g.ProvinceOf[r] == scope && !_g[r].Name.EndsWith('区');
            case Mode.InCity:
                return level == RegionLevel.County && _g.CityOf[r] == scope;
            case Mode.InMunicipality:
                return level == RegionLevel.County && _g.ProvinceOf[r] == scope;
            default: // Global
                if (level == RegionLevel.City)
                    return e.Kind is NameKind.Full or NameKind.Curated || e.Kind == NameKind.Short && (after.IsEmpty || after[0] is not ('区' or '县' or '旗'));
                return level == RegionLevel.County && e.Kind == NameKind.Full;
        }
    }

    /// <summary>
    /// True when a county's short form is the start of a street name rather than the county: 大连市中山路 (not 中山区),
    /// 西安市长安南路 (not 长安区), 太原市迎泽西大街 (not 迎泽区), 合肥市蜀山湖路, 广州市黄埔大道. A road word (路 街 道 巷 弄,
    /// not 街道) right after the short form, or after one of 东西南北中大湖, or after 东西南北中 + 大.
    /// </summary>
    private static bool IsStreetName(ReadOnlySpan<char> after)
    {
        static bool Road(ReadOnlySpan<char> s, int k) =>
            k < s.Length && s[k] is '路' or '街' or '道' or '巷' or '弄' && !(s[k] == '街' && k + 1 < s.Length && s[k + 1] == '道');
        if (after.IsEmpty) return false;
        if (Road(after, 0)) return true;
        if (after[0] is '东' or '西' or '南' or '北' or '中' or '大' or '湖' && Road(after, 1)) return true;
        return after[0] is '东' or '西' or '南' or '北' or '中' && after.Length > 1 && after[1] == '大' && Road(after, 2);
    }

    private static void SkipPunctuation(ReadOnlySpan<char> s, ref int pos)
    {
        while (pos < s.Length && (char.IsAsciiDigit(s[pos]) || s[pos] is ',' or '，' or ':' or '：' or '-' or '、' or '.' or ';' or '；' or '#'))
            pos++;
    }

    private static void SkipJoiners(ReadOnlySpan<char> s, ref int pos)
    {
        while (pos < s.Length && s[pos] is ')' or ',' or '，' or '、' or '-' or '·') pos++;
    }
}
