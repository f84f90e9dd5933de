using System.Text;

namespace Zhichan.Api.Features.Records.Normalisation;

public enum RegionLevel
{
    Province = 1,
    City = 2,
    County = 3,
}

/// <summary>One administrative division with its 6-digit code (province 320000, city 320700, county 320703).</summary>
/// <param name="ParentCode">Province code for a city, city code for a county, null for a province.</param>
/// <param name="CityCode">The city a county belongs to (for a city: itself; for a province: null).</param>
/// <param name="IsDevelopmentZone">NBS code of the 7x series (320671 南通经济技术开发区, 320576 苏州工业园区): a development zone
/// managed like a county but not a county-level division.</param>
public sealed record Region(string Code, string Name, RegionLevel Level, string? ParentCode, string ProvinceCode, string? CityCode, bool IsDevelopmentZone)
{
    public override string ToString() => $"{Code} {Name}";
}

/// <summary>
/// The official division list (国家统计局 统计用区划代码, files provinces.csv / cities.csv / areas.csv) plus Taiwan (710000),
/// Hong Kong (810000) and Macao (820000), which the NBS list does not contain (GB/T 2260 codes). Built once; immutable;
/// holds the name trie <see cref="RegionResolver"/> matches addresses against.
/// <para>Pseudo-cities are kept with their official codes and names: 110100 市辖区 (the districts of a municipality), 500200 县,
/// 429000 省直辖县级行政区划. Cities without counties (东莞 441900, 中山 442000, 儋州 460400) have no county row: the NBS row with
/// the city's own code is the city itself.</para>
/// </summary>
public sealed class RegionGazetteer
{
    internal enum NameKind : byte
    {
        /// <summary>The official name (江苏省, 徐州市, 泉山区).</summary>
        Full,
        /// <summary>The name without its administrative suffix (江苏, 徐州, 泉山; 内蒙古, 延边, 积石山).</summary>
        Short,
        /// <summary>A development zone without the city in front (南通经济技术开发区 → 经济技术开发区, 高新区); only after its city.</summary>
        Alias,
        /// <summary>A hand-checked former or colloquial name (襄樊市 → 襄阳市, 闸北区 → 静安区), see <see cref="CuratedAliases"/>.</summary>
        Curated,
    }

    internal readonly record struct Entry(int Region, NameKind Kind);

    private readonly Region[] _regions;
    private readonly Dictionary<string, int> _byCode;
    internal readonly int[] ProvinceOf;
    internal readonly int[] CityOf;          // -1 for provinces
    internal readonly RegionLevel[] LevelOf;
    internal readonly bool[] IsMunicipality; // per region index: the province is 北京/天津/上海/重庆
    internal readonly int[] SoleCounty;      // per city: its only county, -1 when none or several
    internal readonly bool[] HasCounties;    // per city
    internal readonly int[] SoleCity;        // per province: its only city, -1 when none or several

    // Trie: edge key = (node << 16) | char; node 0 is the root.
    private readonly Dictionary<long, int> _edges = [];
    private readonly List<Entry[]?> _terminal = [null];

    private RegionGazetteer(List<Region> regions)
    {
        _regions = [.. regions];
        _byCode = new Dictionary<string, int>(_regions.Length);
        for (var i = 0; i < _regions.Length; i++) _byCode[_regions[i].Code] = i;
        ProvinceOf = new int[_regions.Length];
        CityOf = new int[_regions.Length];
        LevelOf = new RegionLevel[_regions.Length];
        IsMunicipality = new bool[_regions.Length];
        SoleCounty = new int[_regions.Length];
        HasCounties = new bool[_regions.Length];
        SoleCity = new int[_regions.Length];
        var cityCount = new int[_regions.Length];
        var countyCount = new int[_regions.Length];
        for (var i = 0; i < _regions.Length; i++)
        {
            var r = _regions[i];
            LevelOf[i] = r.Level;
            ProvinceOf[i] = _byCode[r.ProvinceCode];
            CityOf[i] = r.CityCode is null ? -1 : _byCode[r.CityCode];
            IsMunicipality[i] = r.ProvinceCode is "110000" or "120000" or "310000" or "500000";
            SoleCounty[i] = -1;
            SoleCity[i] = -1;
        }
        for (var i = 0; i < _regions.Length; i++)
            if (LevelOf[i] == RegionLevel.City) SoleCity[ProvinceOf[i]] = ++cityCount[ProvinceOf[i]] == 1 ? i : -1;
        for (var i = 0; i < _regions.Length; i++)
        {
            if (LevelOf[i] != RegionLevel.County) continue;
            var c = CityOf[i];
            HasCounties[c] = true;
            SoleCounty[c] = ++countyCount[c] == 1 ? i : -1;
        }
        BuildNames();
    }

    /// <summary>The divisions by their romanised names, for applicants in China with a Latin address (built on first use).</summary>
    public RomanisedRegions Romanised => _romanised ??= new RomanisedRegions(this);

    private RomanisedRegions? _romanised;

    /// <summary>All regions: provinces, then cities, then counties, each in code order.</summary>
    public IReadOnlyList<Region> Regions => _regions;

    /// <summary>A region by its 6-digit code (also accepts the 2- and 4-digit codes of the NBS files).</summary>
    public Region? Find(string? code)
    {
        if (string.IsNullOrEmpty(code)) return null;
        var six = code.Length switch { 2 => code + "0000", 4 => code + "00", _ => code };
        return _byCode.TryGetValue(six, out var i) ? _regions[i] : null;
    }

    /// <summary>Direct children of a region (cities of a province, counties of a city).</summary>
    public IEnumerable<Region> ChildrenOf(string code) => _regions.Where(r => r.ParentCode == code);

    internal Region this[int index] => _regions[index];

    internal int IndexOf(string code) => _byCode.TryGetValue(code, out var i) ? i : -1;

    /// <summary>Loads provinces.csv, cities.csv and areas.csv from the admin-divisions folder (streets.csv is not needed).</summary>
    public static RegionGazetteer Load(string adminDivisionsFolder)
    {
        string F(string name)
        {
            var p = Path.Combine(adminDivisionsFolder, name);
            return File.Exists(p) ? p : throw new FileNotFoundException($"Division list file {name} not found in {adminDivisionsFolder}", p);
        }
        var regions = new List<Region>(3400);
        foreach (var f in ReadCsv(F("provinces.csv")))
            regions.Add(new Region(f[0] + "0000", f[1], RegionLevel.Province, null, f[0] + "0000", null, false));
        regions.Add(new Region("710000", "台湾省", RegionLevel.Province, null, "710000", null, false));
        regions.Add(new Region("810000", "香港特别行政区", RegionLevel.Province, null, "810000", null, false));
        regions.Add(new Region("820000", "澳门特别行政区", RegionLevel.Province, null, "820000", null, false));
        var cityCodes = new HashSet<string>();
        foreach (var f in ReadCsv(F("cities.csv")))
        {
            var code = f[0] + "00";
            cityCodes.Add(code);
            regions.Add(new Region(code, f[1], RegionLevel.City, f[2] + "0000", f[2] + "0000", code, false));
        }
        foreach (var f in ReadCsv(F("areas.csv")))
        {
            var city = f[2] + "00";
            if (f[0] == city) continue;   // 441900 东莞市: the city itself, no county level
            regions.Add(new Region(f[0], f[1], RegionLevel.County, city, f[3] + "0000", city, f[0][4] == '7'));
        }
        return new RegionGazetteer(regions);
    }

    private static IEnumerable<string[]> ReadCsv(string path)
    {
        foreach (var line in File.ReadLines(path, Encoding.UTF8).Skip(1))
        {
            if (line.Length == 0) continue;
            var fields = line.Split(',');
            for (var i = 0; i < fields.Length; i++) fields[i] = fields[i].Trim().Trim('"');
            yield return fields;
        }
    }

    // ---------------------------------------------------------------- names

    private static readonly string[] Ethnic =
    [
        "蒙古", "回", "藏", "维吾尔", "苗", "彝", "壮", "布依", "朝鲜", "满", "侗", "瑶", "白", "土家", "哈尼", "哈萨克", "傣", "黎",
        "傈僳", "佤", "畲", "高山", "拉祜", "水", "东乡", "纳西", "景颇", "柯尔克孜", "土", "达斡尔", "仫佬", "羌", "布朗", "撒拉",
        "毛南", "仡佬", "锡伯", "阿昌", "普米", "塔吉克", "怒", "乌孜别克", "俄罗斯", "鄂温克", "德昂", "保安", "裕固", "京", "塔塔尔",
        "独龙", "鄂伦春", "赫哲", "门巴", "珞巴", "基诺", "各族",
    ];

    private static readonly Dictionary<string, string> ProvinceShort = new()
    {
        ["内蒙古自治区"] = "内蒙古", ["广西壮族自治区"] = "广西", ["西藏自治区"] = "西藏", ["宁夏回族自治区"] = "宁夏",
        ["新疆维吾尔自治区"] = "新疆", ["香港特别行政区"] = "香港", ["澳门特别行政区"] = "澳门",
    };

    /// <summary>The name without its administrative suffix and ethnic designation; null when nothing sensible (≥ 2 chars) remains.</summary>
    public static string? ShortName(string name, RegionLevel level)
    {
        if (level == RegionLevel.Province)
            return ProvinceShort.TryGetValue(name, out var p) ? p : name.TrimEnd('省', '市');
        string[] suffixes = level == RegionLevel.City
            ? ["自治州", "地区", "盟", "市"]
            : ["自治县", "自治旗", "林区", "特区", "新区", "县", "区", "市", "旗"];
        var s = name;
        foreach (var suf in suffixes)
            if (s.EndsWith(suf, StringComparison.Ordinal) && s.Length - suf.Length >= 2) { s = s[..^suf.Length]; break; }
        // 积石山保安族东乡族撒拉族 → 积石山; 巴音郭楞蒙古 → 巴音郭楞
        var changed = true;
        while (changed)
        {
            changed = false;
            if (s.EndsWith('族') && s.Length > 1) { s = s[..^1]; changed = true; }
            var best = 0;
            foreach (var e in Ethnic)
                if (e.Length > best && s.Length > e.Length && s.EndsWith(e, StringComparison.Ordinal) && (changed || e.Length >= 2)) best = e.Length;
            if (best > 0) { s = s[..^best]; changed = true; }
        }
        return s.Length >= 2 && s != name ? s : null;
    }

    private static bool IsPseudoCity(string name) => name is "市辖区" or "县" || name.EndsWith("直辖县级行政区划", StringComparison.Ordinal);

    private void BuildNames()
    {
        var provinceShorts = _regions.Where(r => r.Level == RegionLevel.Province).Select(r => (Full: r.Name, Short: ShortName(r.Name, RegionLevel.Province)!)).ToArray();
        for (var i = 0; i < _regions.Length; i++)
        {
            var r = _regions[i];
            if (r.Level == RegionLevel.City && IsPseudoCity(r.Name)) continue;
            Add(r.Name, i, NameKind.Full);
            if (r.IsDevelopmentZone)
            {
                // Zone names repeat province / city: 河北唐山芦台经济开发区, 南通经济技术开发区, 秦皇岛市经济技术开发区.
                var rest = r.Name;
                foreach (var (full, shortName) in provinceShorts)
                {
                    if (rest.StartsWith(full, StringComparison.Ordinal)) { rest = rest[full.Length..]; break; }
                    if (rest.StartsWith(shortName, StringComparison.Ordinal)) { rest = rest[shortName.Length..]; break; }
                }
                var city = _regions[CityOf[i]];
                var cityShort = ShortName(city.Name, RegionLevel.City) ?? city.Name;
                if (rest.StartsWith(city.Name, StringComparison.Ordinal)) rest = rest[city.Name.Length..];
                else if (rest.StartsWith(cityShort, StringComparison.Ordinal)) rest = rest[cityShort.Length..];
                if (rest != r.Name)
                    foreach (var alias in ZoneVariants(rest))
                        if (alias.Length >= 3) Add(alias, i, NameKind.Alias);
                continue;
            }
            var sn = ShortName(r.Name, r.Level);
            // A county whose short form is its city's (长沙县 in 长沙市) is only read by its full name: 长沙市长沙高新区 is not 长沙县.
            if (sn is not null && !(r.Level == RegionLevel.County && sn == ShortName(_regions[CityOf[i]].Name, RegionLevel.City)))
                Add(sn, i, NameKind.Short);
        }
        foreach (var (scope, alias, target) in CuratedAliases)
        {
            var idx = Array.FindIndex(_regions, r => r.Name == target && r.Level != RegionLevel.Province && (r.ParentCode == scope || r.ProvinceCode == scope));
            // Scoped to a city, an alias is only read after that city (无锡市新区); scoped to a province, also straight after it.
            if (idx >= 0) Add(alias, idx, scope.EndsWith("0000", StringComparison.Ordinal) ? NameKind.Curated : NameKind.Alias);
        }
    }

    /// <summary>The usual abbreviations of a zone name: 高新技术产业开发区 → 高新区 / 高新技术开发区 / 高新开发区; 经济技术开发区 →
    /// 经开区 / 经济开发区 / 开发区; 经济开发区 → 开发区. An abbreviation that fits two zones of one city stays unresolved.</summary>
    internal static IEnumerable<string> ZoneVariants(string rest)
    {
        yield return rest;
        foreach (var (full, shorts) in ZoneAbbreviations)
        {
            if (!rest.EndsWith(full, StringComparison.Ordinal)) continue;
            var head = rest[..^full.Length];
            foreach (var abbreviation in shorts) yield return head + abbreviation;
            yield break;
        }
    }

    private static readonly (string Full, string[] Short)[] ZoneAbbreviations =
    [
        ("高新技术产业开发区", ["高新区", "高新技术开发区", "高新开发区"]),
        ("经济技术开发区", ["经开区", "经济开发区", "开发区"]),
        ("经济开发区", ["开发区", "经开区"]),
    ];

    /// <summary>
    /// Hand-checked names that addresses use but the 2023 list does not have — divisions merged or renamed since the data
    /// was written, and zones that lie wholly inside one district — as (scope: the city, or the province for a municipality
    /// or a city alias; the name used; today's division of that name in that scope). Each was checked against areas.csv and
    /// the State Council approval of the change (e.g. 北京 崇文→东城 2010, 上海 闸北→静安 2015, 襄樊→襄阳 2010, 莱芜→济南 2019,
    /// 杭州 下城→拱墅 / 江干→上城 2021).
    /// </summary>
    internal static readonly (string Scope, string Alias, string Target)[] CuratedAliases =
    [
        ("110000", "崇文区", "东城区"), ("110000", "宣武区", "西城区"),
        ("110000", "北京经济技术开发区", "大兴区"), ("110000", "经济技术开发区", "大兴区"), ("110000", "亦庄", "大兴区"),
        ("120000", "塘沽区", "滨海新区"), ("120000", "汉沽区", "滨海新区"), ("120000", "大港区", "滨海新区"),
        ("120000", "天津经济技术开发区", "滨海新区"), ("120000", "经济技术开发区", "滨海新区"),
        ("310000", "闸北区", "静安区"), ("310000", "卢湾区", "黄浦区"), ("310000", "南汇区", "浦东新区"),
        ("310000", "自由贸易试验区", "浦东新区"), ("310000", "张江", "浦东新区"),
        ("120000", "蓟县", "蓟州区"),
        ("500000", "开县", "开州区"), ("500000", "万盛区", "綦江区"), ("500000", "双桥区", "大足区"),
        ("420000", "襄樊市", "襄阳市"), ("420000", "襄樊", "襄阳市"),
        ("370000", "莱芜市", "济南市"), ("370100", "莱城区", "莱芜区"),
        ("610000", "杨凌示范区", "杨陵区"), ("610000", "杨凌", "杨陵区"),
        ("210100", "东陵区", "浑南区"), ("210100", "经济技术开发区", "铁西区"),
        ("320100", "白下区", "秦淮区"), ("320100", "下关区", "鼓楼区"),
        ("320200", "新区", "新吴区"), ("320200", "无锡新区", "新吴区"),
        ("320200", "崇安区", "梁溪区"), ("320200", "南长区", "梁溪区"), ("320200", "北塘区", "梁溪区"),
        ("320400", "戚墅堰区", "武进区"),
        ("320500", "沧浪区", "姑苏区"), ("320500", "平江区", "姑苏区"), ("320500", "金阊区", "姑苏区"),
        ("320500", "高新区", "虎丘区"), ("320500", "苏州高新区", "虎丘区"), ("320500", "高新技术产业开发区", "虎丘区"),
        ("320500", "苏州高新技术产业开发区", "虎丘区"),
        ("320600", "港闸区", "崇川区"),
        ("320800", "楚州区", "淮安区"), ("320800", "清河区", "清江浦区"), ("320800", "清浦区", "清江浦区"),
        ("321000", "维扬区", "邗江区"),
        ("330100", "下城区", "拱墅区"), ("330100", "江干区", "上城区"), ("330100", "下沙", "钱塘区"),
        ("330100", "杭州经济技术开发区", "钱塘区"), ("330100", "经济技术开发区", "钱塘区"),
        ("330200", "江东区", "鄞州区"),
        ("330600", "绍兴县", "柯桥区"),
        ("340200", "三山区", "弋江区"), ("340200", "芜湖县", "湾沚区"),
        ("440100", "萝岗区", "黄埔区"), ("440100", "广州经济技术开发区", "黄埔区"), ("440100", "经济技术开发区", "黄埔区"),
        ("440100", "广州高新技术产业开发区", "黄埔区"), ("440100", "高新技术产业开发区", "黄埔区"), ("440100", "科学城", "黄埔区"),
        ("440300", "前海深港合作区", "南山区"),
        ("510100", "郫县", "郫都区"), ("520100", "小河区", "花溪区"), ("150200", "昆区", "昆都仑区"),
        ("370200", "四方区", "市北区"), ("370200", "经济技术开发区", "黄岛区"), ("370200", "青岛经济技术开发区", "黄岛区"),
        ("210200", "经济技术开发区", "金州区"), ("210200", "开发区", "金州区"), ("330200", "杭州湾新区", "慈溪市"),
    ];

    private void Add(string name, int region, NameKind kind)
    {
        var node = 0;
        foreach (var c in name)
        {
            var key = ((long)node << 16) | c;
            if (!_edges.TryGetValue(key, out var next))
            {
                next = _terminal.Count;
                _terminal.Add(null);
                _edges[key] = next;
            }
            node = next;
        }
        var list = _terminal[node];
        var entry = new Entry(region, kind);
        if (list is not null && Array.IndexOf(list, entry) >= 0) return;
        _terminal[node] = list is null ? [entry] : [.. list, entry];
    }

    /// <summary>Walks the trie along <paramref name="text"/>; calls back for every name that is a prefix of it, shortest first.</summary>
    internal int Prefixes(ReadOnlySpan<char> text, Span<(int Length, int Node)> hits)
    {
        var node = 0;
        var n = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (!_edges.TryGetValue(((long)node << 16) | text[i], out node)) break;
            if (_terminal[node] is not null && n < hits.Length) hits[n++] = (i + 1, node);
        }
        return n;
    }

    internal Entry[] EntriesAt(int node) => _terminal[node]!;
}
