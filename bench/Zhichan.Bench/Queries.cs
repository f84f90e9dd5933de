using System.Text;
using System.Text.Json.Nodes;
using Npgsql;
using Zhichan.Api.Features.Records.Search;

namespace Zhichan.Bench;

/// <summary>One benchmark query: API parameters, and for text-only queries the terms every hit must contain and the FTS5 MATCH.</summary>
public sealed record BenchQuery(int Id, string Category, SortedDictionary<string, string> Params, string[]? Terms, string? Match)
{
    public string Url => "api/records?" + string.Join("&", Params.Select(p => $"{p.Key}={Uri.EscapeDataString(p.Value)}"));

    public JsonObject ToJson() => new()
    {
        ["id"] = Id, ["category"] = Category, ["params"] = new JsonObject(Params.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)p.Value))),
        ["terms"] = Terms is null ? null : new JsonArray(Terms.Select(t => (JsonNode?)t).ToArray()), ["match"] = Match,
    };

    public static BenchQuery FromJson(JsonNode n) => new(n["id"]!.GetValue<int>(), n["category"]!.GetValue<string>(),
        new SortedDictionary<string, string>(n["params"]!.AsObject().ToDictionary(p => p.Key, p => p.Value!.GetValue<string>()), StringComparer.Ordinal),
        n["terms"]?.AsArray().Select(t => t!.GetValue<string>()).ToArray(), n["match"]?.GetValue<string>());

    public RecordFilterParams Filter() => new() { Q = Params.GetValueOrDefault("q"), Applicant = Params.GetValueOrDefault("applicant") };
}

/// <summary>
/// The fixed query set, generated deterministically (seeded) from the 215k real records: two-character words, longer words,
/// quoted phrases cut from real titles, applicant names, IPC/region/date/type filters, combinations, facets on and off, deep pages.
/// </summary>
public static class Queries
{
    public static readonly string[] TwoCharWords =
    [
        "芯片", "中药", "光伏", "电池", "电机", "轴承", "齿轮", "疫苗", "抗体", "石墨", "涂料", "水泥", "农药", "饲料", "纤维",
        "陶瓷", "玻璃", "钢管", "塑料", "橡胶", "燃料", "锂电", "显示", "图像", "语音", "基因", "茶叶", "酱油", "轮胎", "钻头",
    ];

    public static readonly string[] LongWords =
    [
        "石墨烯", "机器人", "集成电路", "新能源汽车", "锂离子电池", "人工智能", "云计算", "大数据", "物联网", "无人机", "太阳能",
        "燃料电池", "中药组合物", "液晶显示", "半导体", "深度学习", "区块链", "传感器", "电动汽车", "生物柴油", "纳米材料",
        "碳纤维", "光纤", "阿尔茨海默", "二氧化碳", "污水处理", "虚拟现实", "单克隆抗体", "发光二极管", "led",
    ];

    public static readonly string[] SingleCharacters = ["锂", "泵", "阀", "钢", "茶", "药", "船", "灯", "刀", "锁"];

    public static async Task<List<BenchQuery>> GenerateAsync(NpgsqlDataSource db, int seed = 20171231)
    {
        var rows = new List<(string Title, string? Applicant, string? Ipc, string? Province, string? City, string? County, DateOnly? AppDate)>();
        await using (var cmd = db.CreateCommand("SELECT title, first_applicant, ipc_main, province_code, city_code, county_code, application_date FROM records WHERE title IS NOT NULL ORDER BY record_key"))
        await using (var r = await cmd.ExecuteReaderAsync())
            while (await r.ReadAsync())
                rows.Add((r.GetString(0), r.IsDBNull(1) ? null : r.GetString(1), r.IsDBNull(2) ? null : r.GetString(2), r.IsDBNull(3) ? null : r.GetString(3),
                    r.IsDBNull(4) ? null : r.GetString(4), r.IsDBNull(5) ? null : r.GetString(5), r.IsDBNull(6) ? null : r.GetFieldValue<DateOnly>(6)));
        var rnd = new Random(seed);
        var list = new List<BenchQuery>();
        var facetsToggle = 0;
        void Add(string cat, string[]? terms, string? match, params (string K, string V)[] ps)
        {
            var p = new SortedDictionary<string, string>(StringComparer.Ordinal);
            foreach (var (k, v) in ps) p[k] = v;
            if (!p.ContainsKey("facets")) p["facets"] = (facetsToggle++ % 2 == 0) ? "true" : "false";
            list.Add(new BenchQuery(list.Count + 1, cat, p, terms, match));
        }
        static string Quote(string t) => "\"" + t.Replace("\"", "\"\"") + "\"";
        (string Title, string? Applicant, string? Ipc, string? Province, string? City, string? County, DateOnly? AppDate) Pick() => rows[rnd.Next(rows.Count)];

        foreach (var w in TwoCharWords) Add("word-2char", [w], Quote(w), ("q", w));
        foreach (var w in LongWords) Add("word-long", [w], Quote(w), ("q", w));

        // phrases: a run of 4–8 CJK characters cut from a real title, quoted
        var phrases = new HashSet<string>();
        while (phrases.Count < 40)
        {
            var t = Pick().Title;
            var runs = CjkRuns(t).Where(s => s.Length >= 4).ToList();
            if (runs.Count == 0) continue;
            var run = runs[rnd.Next(runs.Count)];
            var len = Math.Min(run.Length, 4 + rnd.Next(5));
            var start = rnd.Next(run.Length - len + 1);
            var ph = run.Substring(start, len);
            if (ph.StartsWith("一种")) continue;
            if (phrases.Add(ph)) Add("phrase", [ph], Quote(ph), ("q", "\"" + ph + "\""));
        }

        // applicant names: 20 as the applicant filter, 10 as a quoted text query
        var names = new List<string>();
        while (names.Count < 30)
        {
            var a = Pick().Applicant;
            if (a is null || a.Length < 4 || names.Contains(a) || a.Contains('"')) continue;
            names.Add(a);
        }
        foreach (var a in names.Take(20)) Add("applicant-filter", null, null, ("applicant", a));
        foreach (var a in names.Skip(20)) Add("applicant-text", [a], Quote(a), ("q", "\"" + a + "\""));

        // filters without text
        string[] ipcs = ["H01L", "G06F", "A61K", "C02F", "B65G", "H04L", "G", "H", "A61K 36", "G06F 17/30", "H01M 10", "C12N"];
        foreach (var ipc in ipcs) Add("filter-ipc", null, null, ("ipc", ipc));
        var provinces = rows.Where(r => r.Province is not null).GroupBy(r => r.Province!).OrderByDescending(g => g.Count()).Select(g => g.Key).ToList();
        var cities = rows.Where(r => r.City is not null).GroupBy(r => r.City!).OrderByDescending(g => g.Count()).Select(g => g.Key).ToList();
        var counties = rows.Where(r => r.County is not null).GroupBy(r => r.County!).OrderByDescending(g => g.Count()).Select(g => g.Key).ToList();
        foreach (var p in provinces.Take(4).Concat(provinces.Skip(20).Take(2))) Add("filter-region", null, null, ("region", p));
        foreach (var c in cities.Take(3).Concat(cities.Skip(50).Take(1))) Add("filter-region", null, null, ("region", c));
        foreach (var c in counties.Take(2).Concat(counties.Skip(200).Take(2))) Add("filter-region", null, null, ("region", c));
        Add("filter-date", null, null, ("from", "2016-01-01"), ("to", "2016-03-31"));
        Add("filter-date", null, null, ("from", "2015-06-01"), ("to", "2015-06-30"));
        Add("filter-date", null, null, ("dateField", "publication"), ("from", "2017-05-01"), ("to", "2017-05-31"));
        Add("filter-date", null, null, ("from", "2010-01-01"), ("to", "2014-12-31"));
        Add("filter-type", null, null, ("types", "patent_invention"));
        Add("filter-type", null, null, ("types", "patent_invention"), ("from", "2016-07-01"), ("to", "2016-12-31"), ("region", provinces[0]));
        Add("filter-none", null, null);
        Add("filter-none", null, null, ("sort", "date_asc"));

        // combinations
        for (var i = 0; i < 10; i++) { var w = TwoCharWords[rnd.Next(TwoCharWords.Length)]; Add("combo-word-ipc", null, null, ("q", w), ("ipc", ipcs[rnd.Next(ipcs.Length)])); }
        for (var i = 0; i < 10; i++) { var w = Pick(); var word = TwoCharWords[rnd.Next(TwoCharWords.Length)]; Add("combo-word-region", null, null, ("q", word), ("region", provinces[rnd.Next(Math.Min(10, provinces.Count))])); }
        for (var i = 0; i < 8; i++) { var w = LongWords[rnd.Next(LongWords.Length)]; var y = 2012 + rnd.Next(5); Add("combo-word-date", null, null, ("q", w), ("from", $"{y}-01-01"), ("to", $"{y}-12-31")); }
        for (var i = 0; i < 10; i++)
        {
            var a = TwoCharWords[rnd.Next(TwoCharWords.Length)];
            var b = LongWords[rnd.Next(LongWords.Length)];
            Add("combo-two-words", [a, b], $"{Quote(a)} AND {Quote(b)}", ("q", $"{a} {b}"));
        }
        for (var i = 0; i < 4; i++) { var a = TwoCharWords[rnd.Next(TwoCharWords.Length)]; var b = TwoCharWords[rnd.Next(TwoCharWords.Length)]; Add("combo-or-not", null, null, ("q", i % 2 == 0 ? $"{a} OR {b}" : $"{a} -{b}")); }
        for (var i = 0; i < 4; i++) { var a = names[rnd.Next(names.Count)]; Add("combo-applicant-word", null, null, ("applicant", a), ("q", TwoCharWords[rnd.Next(TwoCharWords.Length)]), ("sort", "date_desc")); }
        for (var i = 0; i < 4; i++) Add("combo-sort", null, null, ("q", LongWords[rnd.Next(LongWords.Length)]), ("sort", i % 2 == 0 ? "date_desc" : "date_asc"));

        // deep pages (offset up to the API's 10,000 limit)
        int[] pages = [50, 100, 200, 400, 500];
        for (var i = 0; i < 10; i++)
        {
            var pg = pages[i % pages.Length].ToString();
            if (i < 4) Add("deep-page", null, null, ("q", TwoCharWords[i]), ("page", pg), ("pageSize", "20"), ("facets", "false"));
            else if (i < 7) Add("deep-page", null, null, ("region", provinces[i - 4]), ("page", pg), ("pageSize", "20"), ("facets", "false"));
            else Add("deep-page", null, null, ("ipc", ipcs[i]), ("page", pg), ("pageSize", "20"), ("sort", "date_asc"), ("facets", "false"));
        }
        // a lone character (what users type first): itself and every bigram it begins, looked up through search_vocabulary
        // (added in the eighth session, after the 224 above; no FTS5 comparison: the trigram tokenizer needs three characters)
        for (var i = 0; i < SingleCharacters.Length; i++)
            Add("word-1char", null, null, ("q", SingleCharacters[i]), ("facets", i % 2 == 0 ? "true" : "false"));
        return list;
    }

    public static IEnumerable<string> CjkRuns(string text)
    {
        var sb = new StringBuilder();
        foreach (var c in text)
        {
            if (SearchTokens.IsCjk(c)) sb.Append(c);
            else { if (sb.Length > 0) yield return sb.ToString(); sb.Clear(); }
        }
        if (sb.Length > 0) yield return sb.ToString();
    }

    public static async Task<List<BenchQuery>> LoadOrGenerateAsync(Options o, NpgsqlDataSource db)
    {
        var path = o.Get("queries") ?? Path.Combine(o.Results, "queries.json");
        if (File.Exists(path) && !o.Flag("regenerate")) return Json.Read(path)!.AsArray().Select(n => BenchQuery.FromJson(n!)).ToList();
        var list = await GenerateAsync(db);
        Json.Write(path, new JsonArray(list.Select(q => (JsonNode?)q.ToJson()).ToArray()));
        return list;
    }
}
