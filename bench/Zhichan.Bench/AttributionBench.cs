using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Zhichan.Api.Features.Records;
using Zhichan.Api.Features.Records.Attribution;
using Zhichan.Api.Features.Records.Normalisation;

namespace Zhichan.Bench;

/// <summary>
/// `attribution`: county coverage of the 2017 file before and after the county rules of ADR 0019 (townships, zones, learned
/// postcodes), by level and by rule, in process with the app's own resolver (no database); the precision of each rule by
/// leave-one-out on the addresses that do name their county (the county's name hidden, the county found again through
/// township / zone / postcode, compared); and a reproducible sample of 200 of the new attributions with a second method's
/// verdict. Writes results/attribution-{label}.json and, with --out, the page docs/benchmarks-attribution.md.
/// </summary>
public static class AttributionBench
{
    /// <summary>Cities with no county level in the division list: complete at the city.</summary>
    private static readonly HashSet<string> CountylessCities = ["441900", "442000", "460400", "620200"];

    private static readonly string[] AddressRules = [RegionRules.Prefix, RegionRules.CityFirst, RegionRules.CountyFirst];

    private sealed record Row(string Key, string? Applicant, string? Address, string? Postcode, RegionMatch Before, RegionMatch After, string Explanation);

    public static async Task RunAsync(Options o)
    {
        var clock = Stopwatch.StartNew();
        var (reference, path) = CnipaCsv.File2017(o.Data);
        var g = reference.Gazetteer!;
        var after = reference.Resolver!;
        var before = new RegionResolver(g); // today's resolver: no township list
        var last = new Dictionary<string, (string? Applicant, string? Address, string? Postcode)>(StringComparer.Ordinal);
        var ipcOf = new Dictionary<string, (string? Title, IReadOnlyList<IpcSymbol> Symbols)>(StringComparer.Ordinal);
        var norm = new RecordNormaliser(reference);
        var rejected = new List<Rejection>();
        long rows = 0;
        await using (var fs = File.OpenRead(path))
            foreach (var (row, d) in CnipaCsv.Drafts(fs, "cn-invention-2017.csv.gz"))
            {
                rows++;
                // the normaliser decides the key (A and B publications of one application are one record); a later row's address wins
                if (norm.Normalise(d, row, rejected) is not { } r) continue;
                last[r.RecordKey] = (r.FirstApplicant, r.Address, r.Postcode);
                ipcOf[r.RecordKey] = (r.Title, IpcSymbol.ParseList(string.Join(';', r.Ipc)).Symbols);
            }

        // the address rules of both resolvers, then what the stored data teaches (postcode → city, and after: postcode → county)
        var first = last.Select(kv => (kv.Key, kv.Value.Applicant, kv.Value.Address, kv.Value.Postcode, Before: before.Resolve(kv.Value.Address, kv.Value.Postcode),
            After: after.Resolve(kv.Value.Address, kv.Value.Postcode))).ToList();
        var postcodeCities = PostcodeIndex.Learn(first.Where(x => x.Before.CityCode is not null && !x.Before.Rule.StartsWith(RegionRules.Postcode, StringComparison.Ordinal))
            .Select(x => (x.Postcode, x.Before.CityCode)));
        var beforeC = before.WithPostcodes(postcodeCities);
        var afterC = after.WithPostcodes(postcodeCities);
        var countySamples = first.Where(x => x.After.CountyCode is not null && AddressRules.Contains(x.After.Rule)).Select(x => (x.Postcode, x.After.CountyCode)).ToList();
        var counties = PostcodeCounties.Learn(first.Where(x => x.After.CountyCode is not null && AddressRules.Contains(x.After.Rule))
            .Select(x => (x.Postcode, x.After.CountyCode, x.Address)));
        var records = new List<Row>(first.Count);
        foreach (var x in first)
        {
            var b = x.Before.CityCode is null && !x.Before.IsForeign && x.Postcode is not null && beforeC.Resolve(x.Address, x.Postcode) is { CityCode: not null } bb ? bb : x.Before;
            var a = x.After.CityCode is null && !x.After.IsForeign && x.Postcode is not null && afterC.Resolve(x.Address, x.Postcode) is { CityCode: not null } aa ? aa : x.After;
            a = after.CompleteCounty(a, x.Postcode, counties, x.Address);
            records.Add(new Row(x.Key, x.Applicant, x.Address, x.Postcode, b, a, after.Explain(a)));
        }

        var result = new JsonObject
        {
            ["label"] = o.Label, ["file"] = path, ["rows"] = rows, ["records"] = records.Count, ["seconds"] = Math.Round(clock.Elapsed.TotalSeconds, 1),
            ["townships"] = after.Townships.Count, ["learnedPostcodeCities"] = postcodeCities.Count, ["learnedPostcodeCounties"] = counties.Count,
            ["countySamples"] = countySamples.Count,
            ["before"] = Coverage(records, r => r.Before), ["after"] = Coverage(records, r => r.After),
            ["leaveOneOut"] = LeaveOneOut(first.Select(x => (x.Key, x.Address, x.Postcode, x.After)).ToList(), after, g, countySamples),
        };
        // the second method of the sample: where the same applicant's other addresses put it, when they name a county
        var byApplicant = records.Where(r => r.Applicant is not null && r.After.CountyCode is not null && AddressRules.Contains(r.After.Rule))
            .GroupBy(r => (r.Applicant!, r.After.CityCode!)).ToDictionary(x => x.Key, x => x.Select(r => r.After.CountyCode!).Distinct().ToList());
        result["sample"] = Sample(records, g, byApplicant);
        result["remaining"] = Remaining(records, g, countySamples);
        result["industries"] = Industries(ipcOf, reference);
        Json.Write(Path.Combine(o.Results, $"attribution-{o.Label}.json"), result);
        if (o.Get("out") is { } page) File.WriteAllText(page, AttributionReport.Markdown(result, o));
        Console.WriteLine($"attribution: {records.Count} records in {clock.Elapsed.TotalSeconds:F1} s; county (complete) before {result["before"]!["completeShare"]} after {result["after"]!["completeShare"]}");
    }

    private static JsonObject Coverage(List<Row> records, Func<Row, RegionMatch> pick)
    {
        long all = records.Count, foreign = 0, province = 0, city = 0, county = 0, countyless = 0;
        var byRule = new SortedDictionary<string, long[]>(StringComparer.Ordinal);
        foreach (var r in records)
        {
            var m = pick(r);
            if (m.IsForeign) foreign++;
            else
            {
                if (m.ProvinceCode is not null) province++;
                if (m.CityCode is not null) city++;
                if (m.CountyCode is not null) county++;
                else if (m.CityCode is not null && CountylessCities.Contains(m.CityCode)) countyless++;
            }
            if (!byRule.TryGetValue(m.Rule, out var c)) byRule[m.Rule] = c = new long[5];
            c[0]++;
            if (m.CityCode is not null) c[1]++;
            if (m.CountyCode is not null) c[2]++;
            c[3] += (long)Math.Round(m.Confidence * 1000);
        }
        var domestic = all - foreign;
        return new JsonObject
        {
            ["all"] = all, ["foreign"] = foreign, ["domestic"] = domestic, ["province"] = province, ["city"] = city, ["county"] = county,
            ["countylessCity"] = countyless, ["complete"] = county + countyless,
            ["completeShare"] = Math.Round(100.0 * (county + countyless) / domestic, 2),
            ["byRule"] = new JsonArray([.. byRule.OrderByDescending(kv => kv.Value[0]).Select(kv => (JsonNode)new JsonObject
            {
                ["rule"] = kv.Key, ["records"] = kv.Value[0], ["city"] = kv.Value[1], ["county"] = kv.Value[2],
                ["meanConfidence"] = Math.Round(kv.Value[3] / 1000.0 / kv.Value[0], 3),
            })]),
        };
    }

    /// <summary>
    /// Each rule's precision on the addresses that name their county (read by the address rules): the county's name taken out
    /// of the address, the county found again through township / zone (without the postcode), and through the postcode table
    /// learned without this address; the found county compared with the named one.
    /// </summary>
    private static JsonObject LeaveOneOut(List<(string Key, string? Address, string? Postcode, RegionMatch M)> records, RegionResolver resolver, RegionGazetteer g,
        List<(string? Postcode, string? County)> countySamples)
    {
        var counts = new Dictionary<string, Dictionary<string, int>>(StringComparer.Ordinal);
        foreach (var (pc, county) in countySamples)
        {
            if (pc is null || county is null) continue;
            if (!counts.TryGetValue(pc, out var c)) counts[pc] = c = new(StringComparer.Ordinal);
            c[county] = c.GetValueOrDefault(county) + 1;
        }
        var stats = new Dictionary<string, long[]>(StringComparer.Ordinal); // tried, right
        var wrong = new Dictionary<string, JsonArray>(StringComparer.Ordinal);
        void Count(string rule, bool right, string key, string? address, string hidden, string found, string named)
        {
            if (!stats.TryGetValue(rule, out var s)) stats[rule] = s = new long[2];
            s[0]++;
            if (right) s[1]++;
            else
            {
                if (!wrong.TryGetValue(rule, out var w)) wrong[rule] = w = [];
                if (w.Count < 12) w.Add(new JsonObject { ["key"] = key, ["address"] = address, ["hidden"] = hidden, ["found"] = Name(g, found), ["named"] = Name(g, named) });
            }
        }
        long named = 0;
        foreach (var (key, address, postcode, m) in records.OrderBy(r => Md5Order(r.Key), StringComparer.Ordinal))
        {
            if (m.CountyCode is null || !AddressRules.Contains(m.Rule) || address is null || CountylessCities.Contains(m.CityCode ?? "")) continue;
            var county = g.Find(m.CountyCode)!;
            var hidden = Hide(address, county);
            if (hidden is null) continue;
            named++;
            var again = resolver.Resolve(hidden, null);
            if (again.CountyCode is not null && (again.Rule.EndsWith(RegionRules.TownshipSuffix, StringComparison.Ordinal) || again.Rule.EndsWith(RegionRules.ZoneSuffix, StringComparison.Ordinal)))
                Count(again.Rule[again.Rule.IndexOf('+')..], again.CountyCode == m.CountyCode, key, address, hidden, again.CountyCode, m.CountyCode);
            // the postcode without this address's own vote
            if (postcode is null || !counts.TryGetValue(postcode, out var c)) continue;
            var total = c.Values.Sum() - 1;
            var best = c.Select(kv => (County: kv.Key, N: kv.Key == m.CountyCode ? kv.Value - 1 : kv.Value)).OrderByDescending(x => x.N).ThenBy(x => x.County, StringComparer.Ordinal).First();
            if (total >= PostcodeCounties.DefaultMinSamples && best.N >= PostcodeCounties.DefaultMinShare * total && g.Find(best.County)?.CityCode == m.CityCode)
                Count(RegionRules.PostcodeCountySuffix, best.County == m.CountyCode, key, address, $"{hidden} （邮编 {postcode}）", best.County, m.CountyCode);
        }
        return new JsonObject
        {
            ["namedCounty"] = named,
            ["byRule"] = new JsonArray([.. stats.Select(kv => (JsonNode)new JsonObject
            {
                ["rule"] = kv.Key, ["tried"] = kv.Value[0], ["right"] = kv.Value[1], ["precision"] = Math.Round(100.0 * kv.Value[1] / kv.Value[0], 2),
                ["wrongExamples"] = wrong.GetValueOrDefault(kv.Key) ?? [],
            })]),
        };
    }

    /// <summary>The address without the county's name (full, else short form), or null when the address does not write it.</summary>
    private static string? Hide(string address, Region county)
    {
        foreach (var name in new[] { county.Name, RegionGazetteer.ShortName(county.Name, RegionLevel.County) })
        {
            if (name is null) continue;
            var i = address.IndexOf(name, StringComparison.Ordinal);
            if (i >= 0) return address[..i] + address[(i + name.Length)..];
        }
        return null;
    }

    /// <summary>
    /// 200 of the new attributions (a county after, none before; not the countyless cities), in the report's fixed order
    /// (md5(record_key || ':zhichan-bench-2026')), each with a second method's verdict that shares none of the rule's evidence:
    /// the county that the same applicant's other addresses in that city name, when they all name one.
    /// </summary>
    private static JsonArray Sample(List<Row> records, RegionGazetteer g, Dictionary<(string, string), List<string>> byApplicant)
    {
        var sample = new JsonArray();
        foreach (var r in records.Where(r => r.Before.CountyCode is null && r.After.CountyCode is not null).OrderBy(r => Md5Order(r.Key), StringComparer.Ordinal).Take(200))
        {
            var named = r.Applicant is null ? null : byApplicant.GetValueOrDefault((r.Applicant, r.After.CityCode!));
            var verdict = named is null ? "no-evidence" : named.Count > 1 ? "applicant-in-several" : named[0] == r.After.CountyCode ? "agrees" : "differs";
            sample.Add(new JsonObject
            {
                ["key"] = r.Key, ["applicant"] = r.Applicant, ["address"] = r.Address, ["postcode"] = r.Postcode, ["county"] = r.After.CountyCode,
                ["countyName"] = Name(g, r.After.CountyCode!), ["rule"] = r.After.Rule, ["confidence"] = r.After.Confidence, ["evidence"] = r.After.Evidence,
                ["second"] = named is null ? null : string.Join("、", named.Select(c => Name(g, c))), ["verdict"] = verdict,
            });
        }
        return sample;
    }

    /// <summary>
    /// Industry attribution before (as on main: subgroup, main group or subclass entry, every class equally, services and repair
    /// included) and after (ADR 0020), over the same records; and the lithium-ion battery records (H01M, 锂离子电池 in the title).
    /// </summary>
    private static JsonObject Industries(Dictionary<string, (string? Title, IReadOnlyList<IpcSymbol> Symbols)> records, RecordsReference reference)
    {
        var mapper = reference.Industries;
        long withAny = 0, withAnyBefore = 0, classes = 0, classesBefore = 0, service = 0, serviceBefore = 0, onlyService = 0, levelsTotal = 0;
        var levels = new Dictionary<string, long>(StringComparer.Ordinal);
        JsonObject? lithium = null;
        long lithiumN = 0;
        foreach (var (key, (title, symbols)) in records.OrderBy(kv => Md5Order(kv.Key), StringComparer.Ordinal))
        {
            // before: the first entry found (exact subgroup, main group without /00, subclass), every class, equal split
            var before = new HashSet<string>(StringComparer.Ordinal);
            foreach (var sym in symbols)
            {
                var (k, level, cls) = mapper.Lookup(sym);
                levels[level] = levels.GetValueOrDefault(level) + 1;
                levelsTotal++;
                var old = OldClasses(mapper, sym);
                before.UnionWith(old);
            }
            var after = mapper.Map(symbols);
            if (before.Count > 0) { withAnyBefore++; classesBefore += before.Count; if (before.Any(IndustryServiceOrRepair)) serviceBefore++; }
            if (after.Count > 0)
            {
                withAny++;
                classes += after.Count;
                if (after.Any(i => IndustryServiceOrRepair(i.Code))) { service++; if (after.All(i => IndustryServiceOrRepair(i.Code))) onlyService++; }
            }
            if (symbols.Count > 0 && symbols.All(x => x.Subclass == "H01M") && title?.Contains("锂离子电池", StringComparison.Ordinal) == true)
            {
                lithiumN++;
                lithium ??= new JsonObject
                {
                    ["key"] = key, ["title"] = title, ["ipc"] = string.Join("; ", symbols.Select(x => x.Symbol)), ["before"] = before.Count,
                    ["after"] = new JsonArray([.. after.Select(i => (JsonNode)$"{i.Code} {reference.IndustryNames.GetValueOrDefault(i.Code, i.Code)} {i.Weight.ToString("0.####", CultureInfo.InvariantCulture)}")]),
                };
            }
        }
        return new JsonObject
        {
            ["records"] = records.Count, ["withIndustryBefore"] = withAnyBefore, ["withIndustryAfter"] = withAny,
            ["meanClassesBefore"] = Math.Round((double)classesBefore / withAnyBefore, 2), ["meanClassesAfter"] = Math.Round((double)classes / withAny, 2),
            ["withServiceOrRepairBefore"] = serviceBefore, ["withServiceOrRepairAfter"] = service, ["onlyServiceOrRepairAfter"] = onlyService,
            ["symbolsByLevel"] = new JsonObject([.. levels.OrderByDescending(kv => kv.Value).Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)JsonValue.Create(kv.Value)))]),
            ["symbols"] = levelsTotal, ["lithiumRecords"] = lithiumN, ["lithiumExample"] = lithium,
        };
    }

    private static bool IndustryServiceOrRepair(string code) => Zhichan.Api.Features.Records.Attribution.IndustryMapper.IsServiceOrRepair(code);

    /// <summary>The classes main's mapper gave a symbol: its exact subgroup entry, else its main group written without /00, else its subclass.</summary>
    private static IEnumerable<string> OldClasses(Zhichan.Api.Features.Records.Attribution.IndustryMapper mapper, IpcSymbol s)
    {
        var (key, level, classes) = mapper.Lookup(s);
        var compact = s.Symbol.Replace(" ", "");
        var group = compact[..compact.IndexOf('/')];
        // main's lookup matched only these keys; a key found above the subgroup or as "/00" fell through to the subclass then
        if (key == compact || key == group || key == s.Subclass) return classes;
        var (_, _, sub) = mapper.Lookup(new IpcSymbol(s.Subclass, 0, "00"));
        return level == IndustryMatchLevels.None ? [] : sub;
    }

    /// <summary>The domestic records still without a county, by class of address, with counts and examples.</summary>
    private static JsonArray Remaining(List<Row> records, RegionGazetteer g, List<(string? Postcode, string? County)> countySamples)
    {
        var perPostcode = countySamples.Where(s => s.Postcode is not null).GroupBy(s => s.Postcode!).ToDictionary(x => x.Key, x => x.Select(s => s.County).Distinct().Count());
        var classes = new SortedDictionary<string, (long N, List<string> Examples)>(StringComparer.Ordinal);
        foreach (var r in records.OrderBy(r => Md5Order(r.Key), StringComparer.Ordinal))
        {
            var m = r.After;
            if (m.IsForeign || m.CountyCode is not null || m.CityCode is not null && CountylessCities.Contains(m.CityCode)) continue;
            string cls;
            if (m.ProvinceCode is null) cls = "no region at all (address and postcode unreadable)";
            else if (m.CityCode is null) cls = "province only: no city named, postcode not decisive";
            else
            {
                var zone = Zone(r.Address ?? "");
                var pc = r.Postcode is { Length: 6 } p && p.All(char.IsAsciiDigit) && p != "000000" ? p : null;
                var postcodeClass = pc is null ? "no usable postcode" : !perPostcode.TryGetValue(pc, out var n) ? "postcode never seen with a named county"
                    : n > 1 ? "postcode shared by several counties" : "postcode seen with fewer than 5 named counties";
                cls = (zone ? "city + a development zone that spans several counties or is not in the township list" : "city + street only, no township") + "; " + postcodeClass;
            }
            if (!classes.TryGetValue(cls, out var c)) c = (0, []);
            if (c.Examples.Count < 5) c.Examples.Add($"{r.Address} {r.Postcode}");
            classes[cls] = (c.N + 1, c.Examples);
        }
        return new JsonArray([.. classes.OrderByDescending(kv => kv.Value.N).Select(kv => (JsonNode)new JsonObject
        {
            ["class"] = kv.Key, ["records"] = kv.Value.N, ["examples"] = new JsonArray([.. kv.Value.Examples.Select(e => (JsonNode)e)]),
        })]);
    }

    private static readonly string[] ZoneWords = ["开发区", "高新区", "园区", "新区", "示范区", "工业园", "科技城", "科学城", "保税区", "自由贸易", "产业园", "开发园"];

    private static bool Zone(string address) => ZoneWords.Any(w => address.Contains(w, StringComparison.Ordinal));

    private static string Name(RegionGazetteer g, string code) => g.Find(code) is { } r ? $"{r.Name} {code}" : code;

    /// <summary>The hex md5 of key + ':zhichan-bench-2026', the order the import bench's sample uses in SQL.</summary>
    public static string Md5Order(string key) => Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(key + ":zhichan-bench-2026")));

    internal static string Pct(double part, double whole) => whole == 0 ? "–" : (100.0 * part / whole).ToString("F1", CultureInfo.InvariantCulture) + " %";
}
