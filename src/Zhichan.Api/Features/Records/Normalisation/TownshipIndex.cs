using System.Text;

namespace Zhichan.Api.Features.Records.Normalisation;

/// <summary>What placed an address in its county below the city: a township, or a development zone the township list files under one county.</summary>
public enum TownshipKind
{
    /// <summary>A 街道, 镇 or 乡 (NBS township codes xxx001–xxx399).</summary>
    Township,
    /// <summary>A unit the NBS list files as "类似乡级单位" (codes xxx400–xxx599): 开发区, 园区, 管理区 … under one county.</summary>
    Zone,
}

/// <summary>A county found from a township-level name in the address: the name as the list writes it and the county it lies in.</summary>
public sealed record TownshipHit(string Name, string CountyCode, TownshipKind Kind);

/// <summary>
/// The township list of the official divisions (国家统计局 统计用区划代码, streets.csv: 41,352 townships with their county),
/// indexed by city, for addresses that name their city and then a township rather than the county (广东省佛山市西樵镇…,
/// 江苏省常州市潞城街道…, 安徽省马鞍山市慈湖高新区…).
/// <para>Never a guess: a name counts only when it lies in exactly one county of the city; an address whose names point
/// to two counties gives none. Townships are read by their full names only (西樵镇, not 西樵). Zone-like units (开发区,
/// 园区 …) are also read by the usual abbreviations of their name without the province or city in front (慈湖高新技术产业开发区
/// → 慈湖高新区), but a bare zone word (开发区, 高新区) only when the unit's own name begins with the city's (青岛高新技术产业开发区 is
/// 青岛市's 高新区), since a unit called just 开发区 says nothing about another zone of the same city.</para>
/// </summary>
public sealed class TownshipIndex
{
    private const int MinLength = 3;
    private readonly Dictionary<string, Dictionary<string, Entry>> _byCity = new(StringComparer.Ordinal);
    private readonly int _maxLength;

    private readonly record struct Entry(string Name, string? County, TownshipKind Kind, bool Generic);

    public static TownshipIndex Empty { get; } = new([], null);

    /// <summary>Number of township-level units read.</summary>
    public int Count { get; }

    private TownshipIndex(List<(string Code, string Name, string County, string City)> rows, RegionGazetteer? g)
    {
        Count = rows.Count;
        foreach (var (code, name, county, city) in rows)
        {
            if (g?.Find(county) is not { Level: RegionLevel.County } host) continue; // 东莞's and 中山's townships: no county to find
            var kind = code.Length >= 7 && code[6] >= '4' ? TownshipKind.Zone : TownshipKind.Township;
            // a park filed under a zone's own code (松木工业园 under 湖南衡阳松木经济开发区 430473) lies in a district the list does not
            // say: the addresses that name one name another county than the zone's code
            if (kind == TownshipKind.Zone && host.IsDevelopmentZone) continue;
            if (!_byCity.TryGetValue(city, out var names)) _byCity[city] = names = new Dictionary<string, Entry>(StringComparer.Ordinal);
            foreach (var variant in kind == TownshipKind.Township ? [name] : ZoneNames(name, g.Find(city)!, g))
            {
                if (variant.Length < MinLength) continue;
                // a name in two counties of the city is kept with no county: it must not be read as the shorter names inside it either
                names[variant] = names.TryGetValue(variant, out var had) && had.County != county ? had with { County = null }
                    : new Entry(name, county, kind, GenericZoneNames.Contains(variant));
                _maxLength = Math.Max(_maxLength, variant.Length);
            }
        }
    }

    /// <summary>Loads streets.csv (code, name, areaCode, provinceCode, cityCode) from the admin-divisions folder; empty when it is missing.</summary>
    public static TownshipIndex Load(string adminDivisionsFolder, RegionGazetteer gazetteer)
    {
        var path = Path.Combine(adminDivisionsFolder, "streets.csv");
        if (!File.Exists(path)) return Empty;
        var rows = new List<(string, string, string, string)>(42_000);
        foreach (var line in File.ReadLines(path, Encoding.UTF8).Skip(1))
        {
            var f = line.Split(',');
            if (f.Length < 5) continue;
            rows.Add((f[0].Trim('"'), f[1].Trim().Trim('"'), f[2].Trim('"'), f[4].Trim('"') + "00"));
        }
        return new TownshipIndex(rows, gazetteer);
    }

    /// <summary>
    /// The county of the township-level names in <paramref name="text"/> (the address after its city, the city's name
    /// repeated or not: 沈阳市沈阳经济技术开发区), or null when it names none, or names that lie in several counties of the city.
    /// At each position the longest name is taken; a generic zone name only at the start.
    /// </summary>
    public TownshipHit? Find(string cityCode, ReadOnlySpan<char> text)
    {
        if (!_byCity.TryGetValue(cityCode, out var names)) return null;
        var lookup = names.GetAlternateLookup<ReadOnlySpan<char>>();
        TownshipHit? found = null;
        var i = 0;
        while (i <= text.Length - MinLength)
        {
            var taken = 0;
            for (var len = Math.Min(_maxLength, text.Length - i); len >= MinLength; len--)
            {
                // a generic zone name (经济技术开发区) is the city's own zone only right after the city: 南京市滨江经济开发区 is not 南京经济开发区
                if (!lookup.TryGetValue(text.Slice(i, len), out var e) || e.Generic && i > 0) continue;
                if (e.County is null) return null;
                if (found is not null && found.CountyCode != e.County) return null;
                found ??= new TownshipHit(e.Name, e.County, e.Kind);
                taken = len;
                break;
            }
            i += Math.Max(taken, 1);
        }
        return found;
    }

    private static readonly string[] ZoneWords = ["开发区", "高新区", "经开区", "园区", "新区", "示范区", "管理区", "实验区", "合作区", "保税区", "新城"];

    /// <summary>Zone names that name no zone in particular (开发区, 高新区, 经济技术开发区 …) with their abbreviations.</summary>
    private static readonly HashSet<string> GenericZoneNames =
    [
        .. new[] { "高新技术产业开发区", "高新技术开发区", "高新技术产业园区", "经济技术开发区", "经济开发区", "工业园区", "产业园区", "工业园", "科技园区", "开发区" }
            .SelectMany(RegionGazetteer.ZoneVariants),
        .. ZoneWords,
    ];

    /// <summary>A zone unit's names: its own, without the province and city in front, and the usual abbreviations of those.</summary>
    private static IEnumerable<string> ZoneNames(string name, Region city, RegionGazetteer g)
    {
        var rest = name;
        var province = g.Find(city.ProvinceCode)!;
        foreach (var p in new[] { province.Name, RegionGazetteer.ShortName(province.Name, RegionLevel.Province) })
            if (p is not null && rest.StartsWith(p, StringComparison.Ordinal)) { rest = rest[p.Length..]; break; }
        foreach (var c in new[] { city.Name, RegionGazetteer.ShortName(city.Name, RegionLevel.City) })
            if (c is not null && rest.StartsWith(c, StringComparison.Ordinal)) { rest = rest[c.Length..]; break; }
        if (rest.StartsWith("国家", StringComparison.Ordinal)) rest = rest[2..];
        if (!GenericZoneNames.Contains(name)) yield return name;
        foreach (var variant in RegionGazetteer.ZoneVariants(rest))
        {
            // 开发区 alone may be the 经济技术开发区 or the 高新技术产业开发区 of a city that has both
            if (variant == name || GenericZoneNames.Contains(variant)) continue;
            if (ZoneWords.Any(w => variant.EndsWith(w, StringComparison.Ordinal))) yield return variant;
        }
    }
}
