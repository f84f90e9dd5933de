namespace Zhichan.Api.Features.Records.Normalisation;

/// <summary>
/// Reads the romanised address (or name) of an applicant in China — an EP publication of a Beijing company gives
/// "No. 6 Xinghuo Road, Fengtai District, Beijing" with country CN — against the Hanyu Pinyin of the divisions
/// (<c>Seeds/region-pinyin.json</c>, generated from the division list; ADR 0018). English addresses run from the street to
/// the province, and streets are often named after other places (Nanjing Road in Shanghai), so the place named last at the
/// highest level decides: the province (or municipality) and the city mentioned last, then the county within them.
/// Words match the short form of a name written as one word or by syllables (Haidian, Hai Dian), optionally followed by
/// its suffix word (District, City, Province …), which is not needed. Thread-safe; built once per gazetteer.
/// </summary>
public sealed class RomanisedRegions
{
    private sealed record Seed(Dictionary<string, string> Names, Dictionary<string, string> Aliases);

    private readonly RegionGazetteer _g;
    // compact pinyin of a short (or full) name → the regions it names
    private readonly Dictionary<string, List<int>> _byPinyin = new(StringComparer.Ordinal);
    private readonly int _maxWords;

    public RomanisedRegions(RegionGazetteer gazetteer)
    {
        _g = gazetteer;
        var seed = EmbeddedSeeds.Read<Seed>("Records", "region-pinyin.json");
        for (var i = 0; i < gazetteer.Regions.Count; i++)
        {
            var r = gazetteer[i];
            if (!seed.Names.TryGetValue(r.Code, out var syllables) || r.Name is "市辖区" or "县" || r.Name.EndsWith("直辖县级行政区划", StringComparison.Ordinal)) continue;
            var parts = syllables.Split(' ');
            if (parts.Length != r.Name.Length) continue;
            var shortName = RegionGazetteer.ShortName(r.Name, r.Level) ?? r.Name;
            // the short form, in syllables (a name of one character plus its suffix, 县 of 单县, keeps the suffix)
            var n = Math.Max(shortName.Length, 2);
            if (r.Name.StartsWith(shortName, StringComparison.Ordinal) && n <= parts.Length) Add(string.Concat(parts[..n]), i);
            Add(string.Concat(parts), i);
        }
        foreach (var (alias, code) in seed.Aliases)
            if (gazetteer.IndexOf(code) is var i and >= 0) Add(alias.Replace(" ", "", StringComparison.Ordinal), i);
        _maxWords = 4;
    }

    private void Add(string key, int region)
    {
        if (!_byPinyin.TryGetValue(key, out var list)) _byPinyin[key] = list = [];
        if (!list.Contains(region)) list.Add(region);
    }

    /// <summary>
    /// The region a romanised address names, rule <see cref="RegionRules.Romanised"/>: 0.9 for a county, 0.85 for a city,
    /// 0.6 for a province only, no region and 0 when it names no division (still in China: never foreign). With <paramref name="leadingWords"/>, only the
    /// first words count (a name that begins with its place: BEIJING XIAOMI …).
    /// </summary>
    public RegionMatch Resolve(string? text, int? leadingWords = null)
    {
        var words = Words(text);
        if (leadingWords is { } lead && words.Count > lead) words.RemoveRange(lead, words.Count - lead);
        if (words.Count == 0) return new RegionMatch(null, null, null, RegionRules.Romanised, 0);
        // every division named, with the position of its last word
        var found = new List<(int Position, int Region)>();
        for (var start = 0; start < words.Count; start++)
        {
            var key = "";
            for (var len = 1; len <= _maxWords && start + len <= words.Count; len++)
            {
                key += words[start + len - 1];
                if (_byPinyin.TryGetValue(key, out var regions))
                    foreach (var r in regions) found.Add((start + len - 1, r));
            }
        }
        int province = -1, city = -1, county = -1, provincePosition = -1;
        // the province: the one named last, directly or through a city of it (a county alone names no province: too many
        // counties share a reading)
        foreach (var position in found.Select(f => f.Position).Distinct().OrderDescending())
        {
            var here = found.Where(f => f.Position == position).Select(f => f.Region).ToList();
            var provinces = here.Where(r => _g.LevelOf[r] == RegionLevel.Province).Distinct().ToList();
            var ofCities = here.Where(r => _g.LevelOf[r] == RegionLevel.City).Select(r => _g.ProvinceOf[r]).Distinct().ToList();
            if (provinces.Count == 1) { province = provinces[0]; provincePosition = position; break; }
            if (provinces.Count == 0 && ofCities.Count == 1) { province = ofCities[0]; break; }
        }
        if (province < 0) return new RegionMatch(null, null, null, RegionRules.Romanised, 0);
        if (!_g.IsMunicipality[province])
        {
            // the city named last in that province (not the province's own name read as a city: Jilin, Jilin)
            var cities = found.Where(f => _g.LevelOf[f.Region] == RegionLevel.City && _g.ProvinceOf[f.Region] == province && f.Position != provincePosition)
                .OrderByDescending(f => f.Position).ToList();
            if (cities.Count > 0 && cities.Count(c => c.Position == cities[0].Position) == 1) city = cities[0].Region;
        }
        else city = _g.SoleCity[province];
        var scopeCounties = found.Where(f => _g.LevelOf[f.Region] == RegionLevel.County
                                              && (city >= 0 && !_g.IsMunicipality[province] ? _g.CityOf[f.Region] == city : _g.ProvinceOf[f.Region] == province))
            .Select(f => f.Region).Distinct().ToList();
        if (scopeCounties.Count == 1)
        {
            county = scopeCounties[0];
            city = _g.CityOf[county];
        }
        else if (city >= 0 && _g.SoleCounty[city] >= 0) county = _g.SoleCounty[city];
        var confidence = county >= 0 ? 0.9 : city >= 0 && !_g.IsMunicipality[province] ? 0.85 : 0.6;
        return new RegionMatch(_g[province].Code, city >= 0 ? _g[city].Code : null, county >= 0 ? _g[county].Code : null, RegionRules.Romanised, confidence);
    }

    /// <summary>The lower-case Latin words of a text (diacritics dropped: Xī'ān → xi, an); anything else separates words.</summary>
    private static List<string> Words(string? text)
    {
        var words = new List<string>();
        if (string.IsNullOrWhiteSpace(text)) return words;
        var current = new System.Text.StringBuilder();
        foreach (var ch in text.Normalize(System.Text.NormalizationForm.FormD))
        {
            if (System.Globalization.CharUnicodeInfo.GetUnicodeCategory(ch) == System.Globalization.UnicodeCategory.NonSpacingMark) continue;
            var c = TextWidth.ToHalfWidth(ch);
            if (c is >= 'a' and <= 'z' or >= 'A' and <= 'Z') current.Append(char.ToLowerInvariant(c));
            else if (current.Length > 0) { words.Add(current.ToString()); current.Clear(); }
        }
        if (current.Length > 0) words.Add(current.ToString());
        return words;
    }
}
