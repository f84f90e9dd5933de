using System.Text;
using System.Text.Json.Nodes;
using Npgsql;
using Zhichan.Api.Features.Records.Search;

namespace Zhichan.Bench;

/// <summary>One benchmark query: API parameters, and for text-only queries the terms every hit must contain and the FTS5 MATCH.</summary>
/// <param name="Expect">For the issue 19 classes (number-*, field-*), what the answer must show: <c>first</c> = the id of the
/// record that must be the first hit, <c>found</c>/<c>notFound</c> = the numbers report of a pasted list, <c>an</c> = the
/// application number of the record the expression was built from (it must match: <c>(q) AND AN=an</c> gives 1 hit).</param>
public sealed record BenchQuery(int Id, string Category, SortedDictionary<string, string> Params, string[]? Terms, string? Match, JsonObject? Expect = null)
{
    public string Url => "api/records?" + string.Join("&", Params.Select(p => $"{p.Key}={Uri.EscapeDataString(p.Value)}"));

    public JsonObject ToJson() => new()
    {
        ["id"] = Id, ["category"] = Category, ["params"] = new JsonObject(Params.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)p.Value))),
        ["terms"] = Terms is null ? null : new JsonArray(Terms.Select(t => (JsonNode?)t).ToArray()), ["match"] = Match,
        ["expect"] = Expect?.DeepClone(),
    };

    public static BenchQuery FromJson(JsonNode n) => new(n["id"]!.GetValue<int>(), n["category"]!.GetValue<string>(),
        new SortedDictionary<string, string>(n["params"]!.AsObject().ToDictionary(p => p.Key, p => p.Value!.GetValue<string>()), StringComparer.Ordinal),
        n["terms"]?.AsArray().Select(t => t!.GetValue<string>()).ToArray(), n["match"]?.GetValue<string>(), n["expect"]?.DeepClone().AsObject());

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

/// <summary>
/// Issue 19 query classes, built from records of the database being measured (so every query has a known expected hit; at 5M
/// they come from the synthetic records, whose numbers differ from the real ones): pasted application numbers in every form
/// ADR 0015 accepts, publication numbers with and without kind code, lists of 3–10 numbers with some absent, and
/// field-qualified expressions (ADR 0016: TI, AP, IPC prefix, AD ranges, AND/OR/NOT, parentheses, Chinese aliases).
/// Deterministic for a given database (seeded; records drawn by id).
/// </summary>
public static class Issue19Queries
{
    public const string NumberPrefix = "number-";
    public const string FieldPrefix = "field-";
    public static bool IsIssue19(string category) => category.StartsWith(NumberPrefix, StringComparison.Ordinal) || category.StartsWith(FieldPrefix, StringComparison.Ordinal);

    private sealed record Row(long Id, string App, string? Pub, string? Grant, string Title, string[] Applicants, string[] Inventors, string? IpcMain,
        string[] IpcClasses, DateOnly? AppDate, string? Address);

    public static async Task<List<BenchQuery>> GenerateAsync(NpgsqlDataSource db, int firstId, int seed = 20190419)
    {
        var rnd = new Random(seed);
        long minId, maxId;
        await using (var cmd = db.CreateCommand("SELECT min(id), max(id) FROM records"))
        await using (var r = await cmd.ExecuteReaderAsync()) { await r.ReadAsync(); minId = r.GetInt64(0); maxId = r.GetInt64(1); }
        var ids = Enumerable.Range(0, 1500).Select(_ => minId + (long)(rnd.NextDouble() * (maxId - minId + 1))).Distinct().ToList();
        var byId = new Dictionary<long, Row>();
        await using (var cmd = db.CreateCommand("""
            SELECT id, application_number, publication_number, grant_number, title, applicants, inventors, ipc_main, ipc_classes, application_date, address
            FROM records WHERE id = ANY($1) AND title IS NOT NULL AND application_number ~ '^[0-9]{12}\.[0-9X]$'
            """))
        {
            cmd.Parameters.Add(new NpgsqlParameter { Value = ids.ToArray() });
            await using var r = await cmd.ExecuteReaderAsync();
            while (await r.ReadAsync())
                byId[r.GetInt64(0)] = new Row(r.GetInt64(0), r.GetString(1), r.IsDBNull(2) ? null : r.GetString(2), r.IsDBNull(3) ? null : r.GetString(3),
                    r.GetString(4), r.GetFieldValue<string[]>(5), r.GetFieldValue<string[]>(6), r.IsDBNull(7) ? null : r.GetString(7),
                    r.GetFieldValue<string[]>(8), r.IsDBNull(9) ? null : r.GetFieldValue<DateOnly>(9), r.IsDBNull(10) ? null : r.GetString(10));
        }
        var rows = ids.Where(byId.ContainsKey).Select(i => byId[i]).ToList(); // in the seeded draw order
        var next = 0;
        Row Pick(Func<Row, bool>? ok = null)
        {
            while (next < rows.Count) { var row = rows[next++]; if (ok is null || ok(row)) return row; }
            throw new InvalidOperationException("not enough sampled records for the issue 19 queries");
        }

        var list = new List<BenchQuery>();
        var facetsToggle = 0;
        void Add(string cat, string q, JsonObject expect, string? facets = null)
        {
            var p = new SortedDictionary<string, string>(StringComparer.Ordinal) { ["q"] = q, ["facets"] = facets ?? ((facetsToggle++ % 2 == 0) ? "true" : "false") };
            list.Add(new BenchQuery(firstId + list.Count, cat, p, null, null, expect));
        }

        // ---- numbers ----------------------------------------------------------------------------------------------------
        static string Digits12(string canonical) => canonical[..12];
        static string? Form17(string canonical)
        {   // CN + type code (10 for type digit 1, 11 for 8) + year + "00" + 7-digit serial (ApplicationNumber's 17-character form)
            var code = canonical[4] switch { '1' => "10", '8' => "11", _ => null };
            return code is null ? null : "CN" + code + canonical[..4] + "00" + canonical[5..12];
        }
        string AppForm(Row row, int form) => form switch
        {
            0 => row.App,                                        // 201510305529.X
            1 => "CN" + row.App,                                 // CN201510305529.X
            2 => "CN" + Digits12(row.App) + row.App[^1],         // CN201510305529X (no dot)
            3 => Digits12(row.App),                              // 201510305529 (no check digit)
            4 => Form17(row.App) ?? "ZL" + row.App,              // CN102015000305529
            _ => "ZL" + row.App,                                 // ZL201510305529.X (专利号)
        };
        static string Stem(string n) => System.Text.RegularExpressions.Regex.Match(n, "^CN[0-9]+").Value;
        static bool Cn(string? n) => n is not null && System.Text.RegularExpressions.Regex.IsMatch(n, "^CN[0-9]{9}[A-Z][0-9]?$");
        string PubForm(Row row, int form) => form switch
        {
            0 => row.Pub!,                                       // CN106540887A
            1 => Stem(row.Pub!),                                 // CN106540887
            2 => Stem(row.Pub!)[2..],                            // 106540887
            3 => row.Grant!,                                     // CN104125409B (授权公告号; in the 2017 file grants rarely share a record with an A publication)
            4 => Stem(row.Grant!),                               // CN104125409
            5 => "CN " + Stem(row.Pub!)[2..] + " " + row.Pub![Stem(row.Pub!).Length..], // CN 106540887 A (spaces inside: still one number)
            _ => row.Pub!.ToLowerInvariant(),                    // cn106540887a
        };
        static JsonObject First(Row row) => new() { ["first"] = row.Id, ["an"] = row.App };
        static bool KindOk(Row r) => Cn(r.Pub) && Zhichan.Api.Features.Records.Normalisation.PublicationNumber.TryParse(r.Pub, out _) is not null;
        var kindOk = rows.Any(KindOk);

        for (var i = 0; i < 30; i++) { var row = Pick(); Add("number-app", AppForm(row, i % 6), First(row)); }
        for (var i = 0; i < 20; i++)
        {
            var form = i % 4 == 3 ? (i % 8 == 7 ? 4 : 3) : i % 4;
            if (form >= 3 && !rows.Any(r => Cn(r.Grant))) form += 2;   // no grants in the database (the synthetic 5M set): the A number written otherwise
            // the synthetic publication numbers (CN200000000A …) lie in the utility-model range with kind A, which the parser rightly
            // refuses (ADR 0015): where no sampled number is valid with its kind code, the forms without it
            if (form is 0 or 5 or 6 && !kindOk) form = 1 + i % 2;
            var row = Pick(r => form is 3 or 4 ? Cn(r.Grant) : form is 1 or 2 ? Cn(r.Pub) : KindOk(r));
            Add("number-pub", PubForm(row, form), First(row));
        }
        // lists: 3–10 numbers in mixed forms and separators, the first present, 0–3 absent (valid numbers without a record)
        string[] seps = ["; ", "\n", "；", "、", ";", "\r\n"];
        var absentApps = new List<string>();
        while (absentApps.Count < 40)
        {
            var y = 2010 + rnd.Next(8);
            var digits = $"{y}1{rnd.Next(0, 10_000_000):D7}";
            if (Zhichan.Api.Features.Records.Normalisation.ApplicationNumber.TryParse(digits, out _) is { } n) absentApps.Add(n.Canonical);
        }
        await using (var cmd = db.CreateCommand("SELECT application_number FROM records WHERE application_number = ANY($1)"))
        {
            cmd.Parameters.Add(new NpgsqlParameter { Value = absentApps.ToArray() });
            await using var r = await cmd.ExecuteReaderAsync();
            var present = new HashSet<string>();
            while (await r.ReadAsync()) present.Add(r.GetString(0));
            absentApps.RemoveAll(present.Contains);
        }
        var absentNext = 0;
        for (var i = 0; i < 12; i++)
        {
            var size = 3 + i % 8;
            var absent = Math.Min(i % 4, size - 1);
            var items = new List<(string Text, bool Present)>();
            Row? first = null;
            for (var k = 0; k < size - absent; k++)
            {
                var row = Pick(r => Cn(r.Pub));
                var pubForm = (i + k) % 3 == 0 && !KindOk(row) ? 1 : (i + k) % 3;
                items.Add((k % 3 == 2 ? PubForm(row, pubForm) : AppForm(row, (i + k) % 6), true));
                first ??= row;
            }
            for (var k = 0; k < absent; k++)
            {
                var a = absentApps[absentNext++ % absentApps.Count];
                items.Insert(1 + rnd.Next(items.Count), (k % 2 == 0 ? a : "CN" + a, false)); // never first: the first hit is known
            }
            var expect = new JsonObject
            {
                ["first"] = first!.Id, ["requested"] = items.Count, ["found"] = items.Count(x => x.Present),
                ["notFound"] = new JsonArray(items.Where(x => !x.Present).Select(x => (JsonNode?)x.Text).ToArray()),
            };
            Add("number-list", string.Join(seps[i % seps.Length], items.Select(x => x.Text)), expect);
        }

        // ---- field-qualified expressions ----------------------------------------------------------------------------------
        string Word(Row row, int min = 2, int max = 4)
        {
            var runs = Queries.CjkRuns(row.Title).Where(s => s.Length >= min).ToList();
            for (var attempt = 0; attempt < 20 && runs.Count > 0; attempt++)
            {
                var run = runs[rnd.Next(runs.Count)];
                if (run.StartsWith("一种", StringComparison.Ordinal) && run.Length >= 2 + min) run = run[2..];
                var len = Math.Min(run.Length, min + rnd.Next(max - min + 1));
                // half the time the head of the run (a title's subject: 建筑垃圾…, 锂离子…), else anywhere in it
                var w = run.Substring(rnd.Next(2) == 0 ? 0 : rnd.Next(run.Length - len + 1), len);
                // (与/或/非 alone are operators: words holding them are left out rather than quoted)
                if (!w.StartsWith("一种", StringComparison.Ordinal) && !w.EndsWith("方法", StringComparison.Ordinal) && w.IndexOfAny(['与', '或', '非']) < 0) return w;
            }
            return runs.Count > 0 ? runs[0][..Math.Min(runs[0].Length, max)] : row.Title;
        }
        static bool HasWord(Row r) => Queries.CjkRuns(r.Title).Any(s => s.Length >= 4);
        static bool CjkName(string s) => s.Length >= 4 && s.All(c => SearchTokens.IsCjk(c));
        static string Ap(string name) => CjkName(name) && name.IndexOfAny(['与', '或', '非']) < 0 ? $"({name})" : "\"" + name.Replace("\"", "") + "\"";
        static string Sub(Row r) => r.IpcMain![..4];
        static string MainGroup(Row r) => r.IpcMain!.Replace(" ", "").Split('/')[0];
        static string Group(Row r)
        {
            var parts = r.IpcMain!.Replace(" ", "").Split('/');
            return parts.Length < 2 ? parts[0] : parts[0] + "/" + parts[1][..Math.Min(2, parts[1].Length)];
        }
        static bool HasIpc(Row r) => r.IpcMain is { Length: >= 6 } m && m.Contains(' ') && m.Contains('/');
        string OtherSubclass(Row r)
        {
            string[] common = ["H01L", "G06F", "A61K", "C02F", "B65G", "H04L", "H01M", "C12N", "G01N", "A23L", "B01D", "F16K"];
            return common.Where(c => !r.IpcClasses.Contains(c)).ElementAt(rnd.Next(6));
        }
        string Province(Row r) => r.Address is { } a && System.Text.RegularExpressions.Regex.Match(a, "^[\\p{IsCJKUnifiedIdeographs}]{2,5}?(省|市|自治区)").Value is { Length: > 0 } p ? p : r.Address![..2];
        static string D(DateOnly d) => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        JsonObject Src(Row row) => new() { ["an"] = row.App };

        for (var i = 0; i < 10; i++)
        {
            var row = Pick(HasWord);
            var w = Word(row);
            var q = (i % 3) switch
            {
                0 => $"TI={w}",
                1 => $"名称=({w})",
                _ => $"TI=({w} OR {Word(Pick(HasWord))})",
            };
            Add("field-ti", q, Src(row));
        }
        for (var i = 0; i < 8; i++)
        {
            var row = Pick(r => r.Applicants.Length > 0 && r.Applicants[0].Length >= 4);
            var a = row.Applicants[0];
            var q = (i % 4) switch
            {
                0 => $"AP={Ap(a)}",
                1 => $"申请人={Ap(a)}",
                2 => CjkName(a) && a.IndexOfAny(['与', '或', '非']) < 0 ? $"AP={a[..4]}" : $"AP={Ap(a)}",          // the first four characters: a short name as typed
                _ => $"AP={Ap(a)} AND TI={Word(row)}",
            };
            Add("field-ap", q, Src(row));
        }
        for (var i = 0; i < 8; i++)
        {
            var row = Pick(r => HasIpc(r) && HasWord(r));
            var q = (i % 4) switch
            {
                0 => $"IPC={Sub(row)}",
                1 => $"IPC={MainGroup(row)} AND TI={Word(row)}",
                2 => $"分类号=({Group(row)})",
                _ => $"IPC=({Sub(row)}) AND TI=({Word(row)})",
            };
            Add("field-ipc", q, Src(row));
        }
        for (var i = 0; i < 8; i++)
        {
            var row = Pick(r => r.AppDate is not null && HasWord(r) && r.Applicants.Length > 0);
            var d = row.AppDate!.Value;
            var q = (i % 4) switch
            {
                0 => $"TI={Word(row)} AND AD=[{D(d.AddDays(-30))} TO {D(d.AddDays(30))}]",
                1 => $"申请日={d:yyyy-MM} AND TI=({Word(row)})",
                2 => $"AD>={D(d.AddDays(-10))} AND AD<={D(d.AddDays(10))} AND AP={Ap(row.Applicants[0])}",
                _ => $"AD={d.Year} AND TI={Word(row)}",
            };
            Add("field-ad", q, Src(row));
        }
        for (var i = 0; i < 12; i++)
        {
            var row = Pick(r => HasIpc(r) && HasWord(r) && r.Applicants.Length > 0 && r.AppDate is not null && r.Address is { Length: >= 2 } && !r.Applicants.Any(x => x.Contains("国家电网")));
            var w = Word(row);
            var other = Word(Pick(HasWord));
            var a = Ap(row.Applicants[0]);
            var q = (i % 6) switch
            {
                0 => $"TI=({w} OR {other}) AND AP={a} NOT IPC=({OtherSubclass(row)})",                       // the issue's example shape
                1 => $"名称=({other} 或 {w}) 与 申请人={a} 非 分类号={OtherSubclass(row)}",                     // the same with Chinese aliases and operators
                2 => $"(TI={w} OR TI={other}) AND AD=[{row.AppDate!.Value.Year} TO {row.AppDate!.Value.Year}] AND IPC={Sub(row)}",
                3 => $"TI={w} AND (IPC={Sub(row)} OR IPC={OtherSubclass(row)}) NOT AP=(国家电网)",
                4 => $"TIAB=({w}) AND ADDR=({Province(row)}) AND PD>={row.AppDate!.Value.Year}",   // published after it was filed
                _ => row.Inventors.Length > 0 && row.Inventors[0].Length >= 2 && !row.Inventors[0].Contains('"')
                    ? $"IN=\"{row.Inventors[0]}\" OR (TI={w} AND AP={a})" : $"TI={w} AND AP={a} AND NOT TI=({(w == "装置" ? "方法" : "装置")} AND {other})",
            };
            Add("field-combo", q, Src(row));
        }
        return list;
    }
}
