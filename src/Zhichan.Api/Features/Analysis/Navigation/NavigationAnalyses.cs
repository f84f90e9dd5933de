using System.Diagnostics;
using System.Globalization;
using Zhichan.Api.Features.Records;
using Zhichan.Api.Features.Records.Normalisation;
using Zhichan.Api.Features.Records.Search;
using static Zhichan.Api.Features.Analysis.Navigation.NavigationQueries;

namespace Zhichan.Api.Features.Analysis.Navigation;

/// <summary>A chart series: a name and one value per category.</summary>
public sealed record NavigationSeries(string Name, double[] Data);

/// <summary>
/// One analysis of a scope: its table (columns and formatted cells) and its chart (type line, bar, pie or graph; categories and
/// series; a graph's links are the table's rows). <paramref name="Note"/> says how it was computed or why it is empty.
/// </summary>
public sealed record NavigationAnalysis(string Key, string Title, string ChartType, string[] Columns, string[][] Rows, string[] Categories,
    NavigationSeries[] Series, string? Note);

/// <summary>The scope as computed: its expression, how many records, the data date (the last import) and every analysis.</summary>
public sealed record NavigationSnapshot(string Q, string? Expression, string[] Ipc, string[] Industries, int YearFrom, int YearTo, string RegionPrefix,
    string RegionName, NavigationRegion[] Comparison, long Total, DateTimeOffset? DataDate, DateTimeOffset ComputedAt, long TookMs,
    NavigationAnalysis[] Analyses);

/// <summary>
/// The analyses of a navigation report over the records of a scope (ADR 0050): the scope is read once into a temporary table by
/// the records search's own filter, then each analysis is one aggregate over it (Dapper, read-only).
/// </summary>
public static class NavigationAnalyses
{
    public const int TopApplicants = 15, TopGroups = 15, TopPairs = 30, TopInventors = 20, TrendLines = 5;
    /// <summary>The emerging sub-fields compare the last <see cref="RecentYears"/> years of the range with the same number before.</summary>
    public const int RecentYears = 2;

    public static readonly string[] Keys =
        ["trend", "lifecycle", "applicants", "applicantTrends", "regions", "localShare", "technology", "emerging", "applicantKinds", "network",
         "entrants", "legalStatus", "transactions", "inventors", "position"];

    private static string N(long v) => v.ToString(CultureInfo.InvariantCulture);
    private static string P(double v) => double.IsFinite(v) ? v.ToString("0.0", CultureInfo.InvariantCulture) + "%" : "—";
    private static string F(double v) => double.IsFinite(v) ? v.ToString("0.00", CultureInfo.InvariantCulture) : "—";

    public static async Task<NavigationSnapshot> ComputeAsync(NavigationProject p, NpgsqlDataSource data, RecordsReference reference, CancellationToken ct)
    {
        var sw = Stopwatch.StartNew();
        var f = await FilterAsync(p, data, ct);
        await using var conn = await data.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        if (f.HasPrefixLookup) await conn.ExecuteAsync("SET LOCAL enable_seqscan = off", transaction: tx);
        await using (var cmd = new NpgsqlCommand($"""
            CREATE TEMP TABLE nav_scope ON COMMIT DROP AS
            SELECT r.id, r.record_key, extract(year FROM r.application_date)::int AS y, extract(year FROM r.grant_date)::int AS gy, r.applicants,
                   r.applicant_kind, r.inventors, r.province_code, r.city_code, r.county_code, r.ipc_classes, r.status
            FROM records r WHERE {f.Where}
            """, conn, tx))
        {
            foreach (var prm in f.Parameters) cmd.Parameters.Add(prm.Clone());
            await cmd.ExecuteNonQueryAsync(ct);
        }
        if (f.HasPrefixLookup) await conn.ExecuteAsync("SET LOCAL enable_seqscan = on", transaction: tx);
        // each applicant of each record, keyed by its resolved entity where linked, else by its name (ADR 0050)
        await conn.ExecuteAsync("""
            CREATE TEMP TABLE nav_app ON COMMIT DROP AS
            SELECT s.id, s.y, a.name, l.entity_id, COALESCE('e' || l.entity_id, 'n' || a.name) AS key
            FROM nav_scope s CROSS JOIN LATERAL unnest(s.applicants) WITH ORDINALITY AS a(name, pos)
            LEFT JOIN entity_links l ON l.record_id = s.id AND l.position = a.pos;
            ANALYZE nav_scope; ANALYZE nav_app;
            """, transaction: tx);

        var c = new Ctx(conn, tx, p, reference, ct);
        var total = await c.Scalar<long>("SELECT count(*) FROM nav_scope");
        var analyses = new List<NavigationAnalysis>
        {
            await TrendAsync(c), await LifecycleAsync(c),
        };
        analyses.AddRange(await ApplicantsAsync(c));
        analyses.AddRange(await RegionsAsync(c, total));
        analyses.AddRange(await TechnologyAsync(c));
        analyses.Add(await KindsAsync(c));
        analyses.Add(await NetworkAsync(c));
        analyses.Add(await EntrantsAsync(c));
        analyses.Add(await LegalAsync(c));
        analyses.Add(await TransactionsAsync(c));
        analyses.Add(await InventorsAsync(c));
        analyses.Add(await PositionAsync(c, total));
        var imported = await c.Scalar<DateTime?>("SELECT max(finished_at) FROM imports WHERE status = 'succeeded'");
        DateTimeOffset? dataDate = imported is { } d ? new DateTimeOffset(DateTime.SpecifyKind(d, DateTimeKind.Utc)) : null;
        await tx.CommitAsync(ct);
        return new NavigationSnapshot(p.Q, f.Query.Expression, p.Ipc, p.Industries, p.YearFrom, p.YearTo, p.RegionPrefix,
            RegionName(reference, p.RegionPrefix), [.. p.Comparison.Select(x => new NavigationRegion(x, RegionName(reference, x)))], total, dataDate,
            DateTimeOffset.UtcNow, sw.ElapsedMilliseconds, [.. analyses]);
    }

    private sealed record Ctx(NpgsqlConnection Conn, NpgsqlTransaction Tx, NavigationProject P, RecordsReference Ref, CancellationToken Ct)
    {
        public Task<T> Scalar<T>(string sql, object? args = null) => Conn.ExecuteScalarAsync<T>(new CommandDefinition(sql, args, Tx, cancellationToken: Ct))!;
        public async Task<List<T>> Rows<T>(string sql, object? args = null) => [.. await Conn.QueryAsync<T>(new CommandDefinition(sql, args, Tx, cancellationToken: Ct))];
        public int[] Years => [.. Enumerable.Range(P.YearFrom, P.YearTo - P.YearFrom + 1)];
        public string[] YearLabels => [.. Years.Select(y => N(y))];
    }

    private static double[] PerYear(int[] years, IEnumerable<(int Y, long N)> rows)
    {
        var d = rows.ToDictionary(x => x.Y, x => x.N);
        return [.. years.Select(y => (double)d.GetValueOrDefault(y))];
    }

    private static async Task<NavigationAnalysis> TrendAsync(Ctx c)
    {
        var filings = await c.Rows<(int Y, long N)>("SELECT y, count(*) FROM nav_scope WHERE y IS NOT NULL GROUP BY y");
        var grants = await c.Rows<(int Y, long N)>("SELECT gy, count(*) FROM nav_scope WHERE gy IS NOT NULL GROUP BY gy");
        // grants of the scope's applications may come after its last application year
        var last = Math.Max(c.P.YearTo, grants.Count == 0 ? c.P.YearTo : grants.Max(g => g.Y));
        var years = Enumerable.Range(c.P.YearFrom, last - c.P.YearFrom + 1).ToArray();
        var fs = PerYear(years, filings);
        var gs = PerYear(years, grants);
        return new("trend", "专利申请与授权趋势", "line", ["年份", "申请量（按申请年）", "授权量（按授权年）"],
            [.. years.Select((y, i) => new[] { N(y), N((long)fs[i]), N((long)gs[i]) })], [.. years.Select(y => N(y))],
            [new("申请量", fs), new("授权量", gs)], "申请量按申请日所在年份计；授权量为本范围内的申请按授权公告日所在年份计（数据中记录了授权日的）。");
    }

    private static async Task<NavigationAnalysis> LifecycleAsync(Ctx c)
    {
        var rows = (await c.Rows<(int Y, long Applicants, long Filings)>("""
            SELECT s.y, (SELECT count(DISTINCT a.key) FROM nav_app a WHERE a.y = s.y), count(*) FROM nav_scope s WHERE s.y IS NOT NULL GROUP BY s.y
            """)).ToDictionary(x => x.Y);
        var years = c.Years;
        return new("lifecycle", "技术生命周期（申请人数与申请量）", "line", ["年份", "申请人数", "申请量"],
            [.. years.Select(y => new[] { N(y), N(rows.GetValueOrDefault(y).Applicants), N(rows.GetValueOrDefault(y).Filings) })], c.YearLabels,
            [new("申请人数", [.. years.Select(y => (double)rows.GetValueOrDefault(y).Applicants)]), new("申请量", [.. years.Select(y => (double)rows.GetValueOrDefault(y).Filings)])],
            "申请人数为当年有申请的不同申请人（已识别为同一创新主体的合并计）；两者同增为成长期，申请人数减少而申请量增加为成熟期。");
    }

    private sealed record Top(string Key, string Name, long N);

    private static async Task<List<Top>> TopApplicantsAsync(Ctx c, string where = "TRUE", int limit = TopApplicants) => await c.Rows<Top>($"""
        SELECT a.key, COALESCE(min(e.name), min(a.name)) AS name, count(DISTINCT a.id) AS n
        FROM nav_app a LEFT JOIN entities e ON e.id = a.entity_id WHERE {where}
        GROUP BY a.key ORDER BY n DESC, a.key LIMIT {limit}
        """);

    private static async Task<NavigationAnalysis[]> ApplicantsAsync(Ctx c)
    {
        var top = await TopApplicantsAsync(c);
        var keys = top.Select(t => t.Key).ToArray();
        var yearly = (await c.Rows<(string Key, int Y, long N)>(
            "SELECT key, y, count(DISTINCT id) FROM nav_app WHERE key = ANY(@keys) AND y IS NOT NULL GROUP BY key, y", new { keys }))
            .ToLookup(x => x.Key);
        var years = c.Years;
        var leading = new NavigationAnalysis("applicants", "主要申请人排名", "bar", ["申请人", "申请量"],
            [.. top.Select(t => new[] { t.Name, N(t.N) })], [.. top.Select(t => t.Name)], [new("申请量", [.. top.Select(t => (double)t.N)])],
            top.Count == 0 ? "本范围内没有申请人。" : "计所有申请人（含共同申请人）；已识别为同一创新主体的不同写法合并计，未识别的按申请人名称计。");
        var lines = top.Take(TrendLines).ToList();
        var trends = new NavigationAnalysis("applicantTrends", "主要申请人申请趋势", "line", ["申请人", .. c.YearLabels],
            [.. lines.Select(t => new[] { t.Name }.Concat(years.Select(y => N(yearly[t.Key].Where(x => x.Y == y).Sum(x => x.N)))).ToArray())],
            c.YearLabels, [.. lines.Select(t => new NavigationSeries(t.Name, PerYear(years, yearly[t.Key].Select(x => (x.Y, x.N)))))],
            lines.Count == 0 ? "本范围内没有申请人。" : $"申请量前 {TrendLines} 位申请人各年的申请量。");
        return [leading, trends];
    }

    private static async Task<NavigationAnalysis[]> RegionsAsync(Ctx c, long total)
    {
        var rows = await c.Rows<(string? Code, long N)>("SELECT province_code, count(*) AS n FROM nav_scope GROUP BY 1 ORDER BY n DESC, 1 LIMIT 16");
        string Name(string? code) => code is null ? "未识别地区（含国外）" : c.Ref.Gazetteer?.Find(code)?.Name ?? code;
        var dist = new NavigationAnalysis("regions", "申请人地区分布（省级）", "bar", ["地区", "申请量", "占比"],
            [.. rows.Select(r => new[] { Name(r.Code), N(r.N), P(100.0 * r.N / Math.Max(total, 1)) })], [.. rows.Select(r => Name(r.Code))],
            [new("申请量", [.. rows.Select(r => (double)r.N)])], "按第一申请人地址所在地区计。");
        var regions = new[] { c.P.RegionPrefix }.Concat(c.P.Comparison).ToArray();
        var counts = new List<long>();
        foreach (var prefix in regions) counts.Add(await c.Scalar<long>($"SELECT count(*) FROM nav_scope r WHERE {RegionCondition(prefix)}"));
        var names = regions.Select(x => RegionName(c.Ref, x)).ToArray();
        var local = counts[0];
        var share = new NavigationAnalysis("localShare", "本地申请量及占对比地区的比重", "bar", ["地区", "申请量", "本地占比"],
            [.. regions.Select((x, i) => new[] { names[i], N(counts[i]), i == 0 ? "—" : P(100.0 * local / Math.Max(counts[i], 1)) })], names,
            [new("申请量", [.. counts.Select(x => (double)x)])], $"本地占比 = {names[0]}的申请量 ÷ 对比地区的申请量。");
        return [dist, share];
    }

    private static async Task<NavigationAnalysis[]> TechnologyAsync(Ctx c)
    {
        var rows = await c.Rows<(string G, long N)>($"SELECT x, count(*) AS n FROM nav_scope, unnest(ipc_classes) x WHERE x LIKE '% %' GROUP BY x ORDER BY n DESC, x LIMIT {TopGroups}");
        var tech = new NavigationAnalysis("technology", "技术构成（IPC 大组）", "bar", ["IPC 大组", "申请量"],
            [.. rows.Select(r => new[] { r.G, N(r.N) })], [.. rows.Select(r => r.G)], [new("申请量", [.. rows.Select(r => (double)r.N)])],
            rows.Count == 0 ? "本范围内的记录没有 IPC 分类号。" : "一件申请有多个大组时各计一次。");
        var to = c.P.YearTo;
        var span = to - c.P.YearFrom + 1;
        if (span < 2 * RecentYears)
            return [tech, new("emerging", "新兴技术分支", "bar", ["IPC 大组", "近期申请量", "前期申请量", "增长率"], [], [], [],
                $"年份范围不足 {2 * RecentYears} 年，无法比较近 {RecentYears} 年与之前 {RecentYears} 年。")];
        var growth = await c.Rows<(string G, long Recent, long Earlier)>($"""
            SELECT x, count(*) FILTER (WHERE y > @to - {RecentYears}) AS recent, count(*) FILTER (WHERE y <= @to - {RecentYears}) AS earlier
            FROM nav_scope, unnest(ipc_classes) x WHERE x LIKE '% %' AND y > @to - {2 * RecentYears}
            GROUP BY x HAVING count(*) FILTER (WHERE y > @to - {RecentYears}) >= 3
            ORDER BY (count(*) FILTER (WHERE y > @to - {RecentYears}))::float8 / GREATEST(count(*) FILTER (WHERE y <= @to - {RecentYears}), 1) DESC,
                     count(*) FILTER (WHERE y > @to - {RecentYears}) DESC, x
            LIMIT 10
            """, new { to });
        static double G(long r, long e) => 100.0 * (r - e) / Math.Max(e, 1);
        var emerging = new NavigationAnalysis("emerging", "新兴技术分支（增长最快的 IPC 大组）", "bar", ["IPC 大组", "近期申请量", "前期申请量", "增长率"],
            [.. growth.Select(g => new[] { g.G, N(g.Recent), N(g.Earlier), P(G(g.Recent, g.Earlier)) })], [.. growth.Select(g => g.G)],
            [new("增长率（%）", [.. growth.Select(g => Math.Round(G(g.Recent, g.Earlier), 1))])],
            $"近期为 {to - RecentYears + 1}–{to} 年，前期为 {to - 2 * RecentYears + 1}–{to - RecentYears} 年；只计近期申请至少 3 件的大组，按增长率排序。");
        return [tech, emerging];
    }

    private static async Task<NavigationAnalysis> KindsAsync(Ctx c)
    {
        var rows = await c.Rows<(string Kind, long N)>("SELECT COALESCE(applicant_kind, 'other') AS k, count(*) AS n FROM nav_scope GROUP BY 1 ORDER BY n DESC, 1");
        var names = rows.Select(r => PartyKinds.Names.GetValueOrDefault(r.Kind, "其他")).ToArray();
        return new("applicantKinds", "申请人类型构成", "pie", ["申请人类型", "申请量"], [.. rows.Select((r, i) => new[] { names[i], N(r.N) })], names,
            [new("申请量", [.. rows.Select(r => (double)r.N)])], "按第一申请人的类型计（数据中心导入时按名称规则分类：企业、高校、科研院所、个人等）。");
    }

    private static async Task<NavigationAnalysis> NetworkAsync(Ctx c)
    {
        var rows = await c.Rows<(string A, string B, long N)>($"""
            WITH pairs AS (
                SELECT x.key AS ka, y.key AS kb, count(DISTINCT x.id) AS n FROM nav_app x JOIN nav_app y ON y.id = x.id AND x.key < y.key
                GROUP BY 1, 2 ORDER BY n DESC, 1, 2 LIMIT {TopPairs}),
            names AS (SELECT a.key, COALESCE(min(e.name), min(a.name)) AS name FROM nav_app a LEFT JOIN entities e ON e.id = a.entity_id
                      WHERE a.key IN (SELECT ka FROM pairs UNION SELECT kb FROM pairs) GROUP BY a.key)
            SELECT na.name, nb.name, p.n FROM pairs p JOIN names na ON na.key = p.ka JOIN names nb ON nb.key = p.kb ORDER BY p.n DESC, 1, 2
            """);
        return new("network", "合作申请网络（共同申请人）", "graph", ["申请人甲", "申请人乙", "共同申请量"], [.. rows.Select(r => new[] { r.A, r.B, N(r.N) })],
            [.. rows.SelectMany(r => new[] { r.A, r.B }).Distinct()], [new("共同申请量", [.. rows.Select(r => (double)r.N)])],
            rows.Count == 0 ? "本范围内没有两个以上申请人共同提出的申请。" : $"共同申请量最多的 {TopPairs} 对申请人。");
    }

    private static async Task<NavigationAnalysis> EntrantsAsync(Ctx c)
    {
        var to = c.P.YearTo;
        var rows = await c.Rows<Top>($"""
            SELECT a.key, COALESCE(min(e.name), min(a.name)) AS name, count(DISTINCT a.id) AS n
            FROM nav_app a LEFT JOIN entities e ON e.id = a.entity_id
            GROUP BY a.key HAVING min(a.y) = @to ORDER BY n DESC, a.key LIMIT {TopApplicants}
            """, new { to });
        var count = await c.Scalar<long>("SELECT count(*) FROM (SELECT key FROM nav_app GROUP BY key HAVING min(y) = @to) x", new { to });
        return new("entrants", $"新进入者（{to} 年首次申请）", "bar", ["申请人", $"{to} 年申请量"], [.. rows.Select(r => new[] { r.Name, N(r.N) })],
            [.. rows.Select(r => r.Name)], [new("申请量", [.. rows.Select(r => (double)r.N)])],
            count == 0 ? $"本范围内没有 {to} 年首次申请的申请人。" : $"共 {count} 个申请人在本范围内的首件申请在 {to} 年；列出申请量最多的 {Math.Min(count, TopApplicants)} 个。");
    }

    private static async Task<NavigationAnalysis> LegalAsync(Ctx c)
    {
        var rows = await c.Rows<(string Group, long N)>($"""
            SELECT CASE WHEN status = '{RecordStatus.InForce}' THEN '有效' WHEN status = '{RecordStatus.Pending}' THEN '审中'
                        WHEN status IS NULL THEN '状态未知' ELSE '失效' END AS g, count(*) AS n
            FROM nav_scope GROUP BY 1 ORDER BY n DESC
            """);
        return new("legalStatus", "法律状态", "pie", ["法律状态", "申请量"], [.. rows.Select(r => new[] { r.Group, N(r.N) })], [.. rows.Select(r => r.Group)],
            [new("申请量", [.. rows.Select(r => (double)r.N)])], "失效含未缴年费终止、期限届满、无效宣告、撤回、驳回和放弃；状态取自数据中心导入的法律状态。");
    }

    private static readonly (string Code, string Name)[] Transactions =
        [(LegalEventCodes.Assigned, "转让"), (LegalEventCodes.Licensed, "许可"), (LegalEventCodes.Pledged, "质押")];

    private static async Task<NavigationAnalysis> TransactionsAsync(Ctx c)
    {
        var codes = Transactions.Select(t => t.Code).ToArray();
        var rows = await c.Rows<(string Code, int Y, long N)>("""
            SELECT e.code, extract(year FROM e.event_date)::int AS y, count(*) FROM legal_status_events e JOIN nav_scope s ON s.record_key = e.record_key
            WHERE e.code = ANY(@codes) GROUP BY 1, 2
            """, new { codes });
        var years = rows.Select(r => r.Y).Distinct().Order().ToArray();
        var labels = years.Select(y => N(y)).ToArray();
        return new("transactions", "专利运营（转让、许可、质押）", "bar", ["年份", .. Transactions.Select(t => t.Name)],
            [.. years.Select(y => new[] { N(y) }.Concat(Transactions.Select(t => N(rows.Where(r => r.Y == y && r.Code == t.Code).Sum(r => r.N)))).ToArray())],
            labels, [.. Transactions.Select(t => new NavigationSeries(t.Name, PerYear(years, rows.Where(r => r.Code == t.Code).Select(r => (r.Y, r.N)))))],
            rows.Count == 0 ? "数据中心尚未导入本范围内专利的转让、许可或质押法律状态事件。" : "按法律状态公告日所在年份计。");
    }

    private static async Task<NavigationAnalysis> InventorsAsync(Ctx c)
    {
        var rows = await c.Rows<(string Name, long N)>($"""
            SELECT x, count(DISTINCT r.id) AS n FROM nav_scope r, unnest(r.inventors) x WHERE {RegionCondition(c.P.RegionPrefix)}
            GROUP BY x ORDER BY n DESC, x LIMIT {TopInventors}
            """);
        var region = RegionName(c.Ref, c.P.RegionPrefix);
        return new("inventors", $"{region}的主要发明人", "bar", ["发明人", "申请量"], [.. rows.Select(r => new[] { r.Name, N(r.N) })], [.. rows.Select(r => r.Name)],
            [new("申请量", [.. rows.Select(r => (double)r.N)])],
            rows.Count == 0 ? $"本范围内没有{region}申请人的申请。" : $"{region}申请人（按第一申请人地址）的申请中出现次数最多的发明人；同名不同人无法区分。");
    }

    private static async Task<NavigationAnalysis> PositionAsync(Ctx c, long total)
    {
        var regions = new[] { c.P.RegionPrefix }.Concat(c.P.Comparison).ToArray();
        var (from, to) = (new DateOnly(c.P.YearFrom, 1, 1), new DateOnly(c.P.YearTo, 12, 31));
        var rows = new List<(string Name, long Scope, long All)>();
        foreach (var prefix in regions)
        {
            var scope = await c.Scalar<long>($"SELECT count(*) FROM nav_scope r WHERE {RegionCondition(prefix)}");
            var all = await c.Scalar<long>($"SELECT count(*) FROM records r WHERE r.application_date BETWEEN @from AND @to AND {RegionCondition(prefix)}", new { from, to });
            rows.Add((RegionName(c.Ref, prefix), scope, all));
        }
        double Density(long scope, long all) => all == 0 ? double.NaN : 100.0 * scope / all;
        var local = Density(rows[0].Scope, rows[0].All);
        return new("position", "本地产业专利地位（占比、专利密集度、区位熵）", "bar", ["地区", "范围内申请量", "占全部范围的比重", "全部申请量", "专利密集度", "区位熵"],
            [.. rows.Select((r, i) => new[]
            {
                r.Name, N(r.Scope), P(100.0 * r.Scope / Math.Max(total, 1)), N(r.All), P(Density(r.Scope, r.All)),
                i == 0 ? "1.00" : F(local / Density(r.Scope, r.All)),
            })],
            [.. rows.Select(r => r.Name)], [new("专利密集度（%）", [.. rows.Select(r => Math.Round(Density(r.Scope, r.All) is var d && double.IsFinite(d) ? d : 0, 2))])],
            $"专利密集度 = 地区在本范围内的申请量 ÷ 该地区同期全部申请量；区位熵 = {rows[0].Name}的专利密集度 ÷ 对比地区的专利密集度（大于 1 表示本地在该领域相对集中）。");
    }
}
