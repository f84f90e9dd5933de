using Microsoft.Extensions.DependencyInjection;
using System.Diagnostics;
using System.Text;

namespace Zhichan.Api.Features.Records.Search;

public sealed record RecordHit(long Id, string RightType, string RightTypeName, string? ApplicationNumber, DateOnly? ApplicationDate,
    string? PublicationNumber, DateOnly? PublicationDate, string? GrantNumber, DateOnly? GrantDate, string? Title, string TitleHighlight, string Snippet,
    string? FirstApplicant, int ApplicantCount, string? RegionCode, string? RegionName, string? IpcMain, string[] Ipc, string? Status, string? StatusName);

public sealed record FacetValue(string Key, string Label, long Count);

/// <param name="TotalApproximate">True when more than <see cref="SearchRecords.ExactUpTo"/> records match: the total is then
/// estimated from a repeatable block sample of the table (shown as “约”).</param>
/// <param name="FacetsApproximate">True when the facet counts come from that sample, scaled up.</param>
/// <param name="Expression">The search box as understood: field codes in capitals, operators spelled out, groups in
/// parentheses (TI=(锂电池 OR 钠电池) AND AP=宁德时代 AND NOT IPC=H01M10/05); for a list of numbers, the numbers; null without q.</param>
/// <param name="Numbers">For a list of numbers: how many were asked for and found, and those without a record (with the
/// reason when one is no valid number); null otherwise.</param>
public sealed record SearchResult(long Total, int Page, int PageSize, long TookMs, IReadOnlyList<RecordHit> Items,
    IReadOnlyDictionary<string, IReadOnlyList<FacetValue>> Facets, string? NextCursor, bool FacetsApproximate, bool TotalApproximate,
    string? Expression = null, NumberReport? Numbers = null);

/// <summary>
/// Full-text and filtered search over all records (public, rate-limited for anonymous callers). Relevance ranks title
/// hits above parties above abstract/claims above address; date sorts page with a keyset cursor for deep paging.
/// </summary>
public static class SearchRecords
{
    public const int MaxOffset = 10_000;

    /// <summary>The syntax of the search box, as the OpenAPI description of SearchRecords (ADR 0015, 0016).</summary>
    public const string Description = """
        检索框 `q` 可填写号码清单或检索式（ADR 0015、0016）。

        **号码**：粘贴一个或多个号码（每行一个，或以 `;`、`；`、`、`、空格分隔；最多 200 个）即按号码查找：每个号码的记录排在最前，
        按粘贴顺序排列，同一申请的两种号码只得一条记录；答复的 `numbers` 给出请求数、找到数和未找到的号码（号码无效时附中文原因，
        如校验位不符）。接受的写法：
        - 申请号：带或不带 `CN`/`ZL`，带或不带小数点与校验位（`201710447290.8`、`CN2017104472908`、`201710447290`），
          17 位形式（`CN102016000859788`），2003 年以前的 8 位申请号（`00106482.7`）；
        - 公开（公告）号：带或不带 `CN` 与文献种类代码（`CN106560782A`、`CN106560782`、`106560782`、`CN106560782A8`）；
        - 优先权号：带国别代码（`KR10-2013-0033547`、`US62/345678`）；也查找以该号码为优先权的记录。

        **检索式**：
        - 词：以空格分隔的词须同时出现；中文词匹配连续的字，单个汉字匹配以它开头的词；字母与数字按整词匹配。
        - `"短语"`：引号内的文字（含标点和空格）须在同一字段内连续出现。
        - 运算符：`AND`（`与`、`&`）、`OR`（`或`、`|`）、`NOT`（`非`，或紧贴检索词的 `-`），不区分大小写；优先级 `NOT` > `AND` > `OR`，
          括号 `( )` 改变优先级；`A NOT B` 即 `A AND NOT B`。
        - 字段：`代码=检索词` 或 `代码=(检索式)`，`=` 也可写作 `:`，代码不区分大小写，也可用中文名：
          `TI`/名称、`AB`/摘要、`CL`/权利要求、`TIAB`/名称摘要、`AP`/申请人、`IN`/发明人、`AG`/代理机构、`ADDR`/地址、
          `AN`/申请号、`PN`/公开号、`PR`/优先权号、`IPC`/分类号（前缀匹配：`H`、`H01`、`H01M`、`H01M10`、`H01M10/05`）、
          `AD`/申请日、`PD`/公开日（公开或授权公告日）、`GD`/授权日。字段内的词须确实出现在该字段的文字中。
        - 日期：`2017`、`2017-03`、`2017-03-15`、`20170315`；范围 `[2017-01-01 TO 2017-06-30]`、`2017-01-01:2017-06-30`、
          `(2015 TO 2017)`，一端可为 `*`；比较 `AD>=2017-07-01`、`PD<2018`。
        - 示例：`TI=(锂电池 OR 钠电池) AND AP=(宁德时代) NOT IPC=(H01M10/05)`。

        检索式有语法错误时答复 400：`errors.q` 指出第几个字符处出错及原因（中文），`position` 为该字符的位置（从 1 数起）。
        答复的 `expression` 是系统理解的检索式（字段代码大写、运算符写全、分组加括号）。
        """;

    public static readonly IReadOnlyDictionary<string, string> IpcSections = new Dictionary<string, string>
    {
        ["A"] = "A 人类生活必需", ["B"] = "B 作业；运输", ["C"] = "C 化学；冶金", ["D"] = "D 纺织；造纸", ["E"] = "E 固定建筑物",
        ["F"] = "F 机械工程；照明；加热；武器；爆破", ["G"] = "G 物理", ["H"] = "H 电学",
    };

    public static async Task<Ok<SearchResult>> HandleAsync([AsParameters] RecordFilterParams filter, string? sort, int? page, int? pageSize, string? cursor,
        bool? facets, [FromKeyedServices(DataSources.Read)] NpgsqlDataSource source, RecordsReference reference, SearchCache cache, Platform.ZhichanOptions options,
        CancellationToken ct)
    {
        var sw = Stopwatch.StartNew();
        // every read of one search on one connection: the answer is of one server's data, which its version names (ADR 0068)
        await using var db = await source.OpenConnectionAsync(ct);
        var key = SearchCache.Key(filter, sort, page, pageSize, cursor, facets);
        var version = await RecordsVersion.ReadAsync(db, ct);
        if (version is not null && cache.Get(key, version) is { } cached)
            return TypedResults.Ok(cached with { TookMs = sw.ElapsedMilliseconds });
        var result = await SearchAsync(filter, sort, page, pageSize, cursor, facets, db, reference, options, sw, ct);
        if (version is not null && await RecordsVersion.ReadAsync(db, ct) == version) cache.Set(key, version, result);
        return TypedResults.Ok(result);
    }

    private static async Task<SearchResult> SearchAsync(RecordFilterParams filter, string? sort, int? page, int? pageSize, string? cursor, bool? facets,
        NpgsqlConnection db, RecordsReference reference, Platform.ZhichanOptions options, Stopwatch sw, CancellationToken ct)
    {
        // no parallel workers (a cache hit above needs none of this): a worker is a new server process, and a new process
        // pays a page fault for each page of the buffer pool it reads the first time (on a 2-core virtual machine at 5M
        // records ~35 µs per page: 200 ms of a 6,000-row lookup that a warm pooled session reads in 15 ms); an index lookup
        // of a few thousand rows gains nothing from two workers on two cores (ADR 0072). Reset on the pool's return.
        await using (var serial = new NpgsqlCommand("SET max_parallel_workers_per_gather = 0", db)) await serial.ExecuteNonQueryAsync(ct);
        var f = await RecordFilter.CreateAsync(filter, db, ct);
        var size = Math.Clamp(pageSize ?? 20, 1, 100);
        if (page is < 1 or > Platform.Paging.MaxPage) throw new RequestValidationException("page", $"页码应在 1 至 {Platform.Paging.MaxPage} 之间");
        var pg = page ?? 1;
        // relevance: the rank of the words, or for a list of numbers the order of the list
        var ranked = f.TsQuery is not null || f.Numbers is not null;
        sort ??= ranked ? "relevance" : "date_desc";
        if (sort is not ("relevance" or "date_desc" or "date_asc")) throw new RequestValidationException("sort", $"排序方式“{sort}”无效，应为 relevance、date_desc 或 date_asc");
        if (sort == "relevance" && !ranked) sort = "date_desc";
        var offset = (pg - 1) * size;
        if (cursor is null && offset > MaxOffset)
            throw new RequestValidationException("page", $"最多只能直接翻到第 {MaxOffset / size} 页；请使用 cursor 逐页向后翻，或缩小检索范围");

        // totals and facets first: how many hits there are decides how the relevance sort may be computed
        var exactUpTo = options.SearchExactUpTo;
        var wantFacets = facets != false && cursor is null;
        var counted = await CountAsync(f, db, reference, exactUpTo, options.SearchFacetRows, wantFacets, ct);

        var where = f.Where;
        string order, select = "", from = "records r";
        if (sort == "relevance" && f.Numbers is { } numbers)
            order = $"array_position({f.Param(numbers.Ids)}::bigint[], r.id)";
        else if (sort == "relevance")
        {
            var tsq = f.Param(f.TsQuery!);
            var rank = $"ts_rank_cd('{{0.1, 0.2, 0.4, 1.0}}', r.search_vector, to_tsquery('simple', {tsq}), 1)";
            if (counted.Total > options.SearchRankCandidates)
            {
                // a broad query ranks the first candidates in storage order (the same set on every page) instead of every
                // hit, and a deep page beyond them continues in storage order: the cost stays flat however many match (ADR 0011)
                var k = options.SearchRankCandidates;
                var cap = f.Param(Math.Max(k, offset + size + 1));
                from = $"(SELECT r.*, row_number() OVER () AS rn FROM records r WHERE {where} LIMIT {cap}) r";
                where = "TRUE";
                select = $", CASE WHEN r.rn <= {k} THEN {rank} END AS rank";
                order = "rank DESC NULLS LAST, r.rn";
            }
            else
            {
                select = $", {rank} AS rank";
                order = "rank DESC, r.id DESC";
            }
        }
        else
        {
            var dir = sort == "date_asc" ? "ASC" : "DESC";
            // a small exact result of a query no index keeps in date order is sorted after its own index lookup: the date
            // index stays out of the plan (a date + 0 is not its column). Otherwise the planner may walk the dates and
            // check each row, expecting its hits early, and read most of the table when they are rare among the latest
            // (an IPC subgroup at 5M: 1.3 s → 13 ms, ADR 0072); a larger result still pages along the date index
            var sortDate = f.NarrowsUnordered && !counted.TotalApproximate && counted.Total <= exactUpTo ? $"({f.DateColumn} + 0)" : f.DateColumn;
            order = $"{sortDate} {dir} NULLS LAST, r.id {dir}";
            if (cursor is not null)
            {
                var (d, id) = DecodeCursor(cursor);
                var cmp = dir == "DESC" ? "<" : ">";
                // NULLS LAST: after a dated row come the later-sorting dated rows and then every undated row; after an undated row, undated rows only
                where += d is { } date
                    ? $" AND ((({f.DateColumn}, r.id) {cmp} ({f.Param(date)}, {f.Param(id)})) OR {f.DateColumn} IS NULL)"
                    : $" AND {f.DateColumn} IS NULL AND r.id {cmp} {f.Param(id)}";
                offset = 0;
            }
        }
        var limit = f.Param(size + 1);
        var off = f.Param(offset);
        var sql = $"""
            SELECT r.id, r.right_type, r.application_number, r.application_date, r.publication_number, r.publication_date, r.grant_number, r.grant_date,
                   r.title, r.abstract, r.claims, r.first_applicant, cardinality(r.applicants), COALESCE(r.county_code, r.city_code, r.province_code),
                   r.ipc_main, r.ipc, r.status, r.address, {f.DateColumn} {select}
            FROM {from} WHERE {where} ORDER BY {order} LIMIT {limit} OFFSET {off}
            """;

        var items = new List<RecordHit>();
        DateOnly? lastDate = null;
        // a lone character found in more than 1 % of the records: a sequential scan finds the page's rows early
        var tableScan = f.HasPrefixLookup && counted.Total > 0.01 * await RowsAsync(db, ct);
        await using (var cmd = f.Command(db, sql, tableScan))
        await using (var r = await cmd.ExecuteReaderAsync(ct))
        {
            while (await r.ReadAsync(ct))
            {
                if (items.Count == size) { items.Add(null!); break; }
                var title = r.IsDBNull(8) ? null : r.GetString(8);
                var region = r.IsDBNull(13) ? null : r.GetString(13);
                var status = r.IsDBNull(16) ? null : r.GetString(16);
                var type = r.GetString(1);
                lastDate = D(r, 18);
                items.Add(new RecordHit(r.GetInt64(0), type, RightTypes.Names.GetValueOrDefault(type, type), S(r, 2), D(r, 3), S(r, 4), D(r, 5), S(r, 6), D(r, 7),
                    title, Highlighter.Mark(title, f.TitleTerms), Highlighter.Snippet([S(r, 9), S(r, 10), S(r, 17)], f.SnippetTerms),
                    S(r, 11), r.GetInt32(12), region, RegionPath(reference, region), S(r, 14), r.GetFieldValue<string[]>(15), status,
                    status is null ? null : RecordStatus.Names.GetValueOrDefault(status, status)));
            }
        }
        var hasMore = items.Count > size;
        if (hasMore) items.RemoveAt(items.Count - 1);
        string? next = null;
        if (hasMore && sort != "relevance" && items.Count > 0) next = EncodeCursor(lastDate, items[^1].Id);

        return new SearchResult(counted.Total, pg, size, sw.ElapsedMilliseconds, items, counted.Facets, next,
            wantFacets && counted.FacetsApproximate, counted.TotalApproximate, f.Query.Expression, f.Numbers?.Report);
    }

    private sealed record Counted(long Total, bool TotalApproximate, IReadOnlyDictionary<string, IReadOnlyList<FacetValue>> Facets, bool FacetsApproximate);

    /// <summary>A text query estimated at more than this many times the exact threshold is counted from a sample at once.</summary>
    public const double BroadTextFactor = 3.0;

    /// <summary>The same for a query of filters only, whose estimate comes from the filtered columns' statistics.</summary>
    public const double BroadFilterFactor = 1.5;

    /// <summary>
    /// The total and the facets in one pass over at most <paramref name="exactUpTo"/>+1 hits: exact totals up to
    /// exactUpTo, facets over a uniform subsample of facetRows of those hits (exact when there are fewer).
    /// Beyond exactUpTo, the same pass over a repeatable block sample of about exactUpTo rows of the table, scaled up.
    /// The work is bounded whatever the size of the table or of the result.
    /// </summary>
    private static async Task<Counted> CountAsync(RecordFilter f, NpgsqlConnection db, RecordsReference reference, int exactUpTo, int facetRows,
        bool wantFacets, CancellationToken ct)
    {
        // the planner's estimate decides whether the exact pass is worth trying: a clearly broad query goes straight to
        // the sample instead of reading exactUpTo rows only to learn it is broad. Clearly: more than three times the
        // threshold for text, whose estimate multiplies the codes' frequencies as if independent; 1.5 times for filters
        // only, estimated from the columns' own statistics (a province a few times the threshold spent an exact pass in
        // vain before its sample, ADR 0011). An overestimate costs a sample pass, then the exact count (below).
        var broad = await PlanRowsAsync(f, db, ct) > (f.TsQuery is null ? BroadFilterFactor : BroadTextFactor) * exactUpTo;
        if (!broad && await ExactAsync() is { } exact) return exact;

        var percent = Math.Clamp(100.0 * exactUpTo / await RowsAsync(db, ct), 0.01, 100);
        var (inSample, sampledRows, raw) = await PassAsync(f, db, Sample(percent), null, wantFacets ? long.MaxValue : -1, facetRows, ct);
        var estimated = (long)Math.Round(inSample * 100 / percent);
        // the planner overestimated: count exactly after all
        if (broad && estimated <= exactUpTo && await ExactAsync() is { } after) return after;
        var total = Math.Max(exactUpTo + 1, estimated);
        return new Counted(total, true, Scale(raw, reference, sampledRows == 0 ? 1 : (double)total / sampledRows), true);

        // the exact pass over at most exactUpTo + 1 hits; null when there are more
        async Task<Counted?> ExactAsync()
        {
            var (hits, sampled, exactRaw) = await PassAsync(f, db, "", exactUpTo + 1, wantFacets ? exactUpTo : -1, facetRows, ct);
            return hits <= exactUpTo ? new Counted(hits, false, Scale(exactRaw, reference, sampled == 0 ? 1 : (double)hits / sampled), hits > facetRows) : null;
        }
    }

    /// <summary>The planner's estimate of the number of records (pg_class.reltuples, at least 1).</summary>
    private static async Task<double> RowsAsync(NpgsqlConnection db, CancellationToken ct)
    {
        await using var est = new NpgsqlCommand("SELECT GREATEST(reltuples, 1)::float8 FROM pg_class WHERE oid = 'records'::regclass", db);
        return (double)(await est.ExecuteScalarAsync(ct))!;
    }

    /// <summary>The planner's estimate of the number of hits (EXPLAIN, no execution; about a millisecond).</summary>
    private static async Task<double> PlanRowsAsync(RecordFilter f, NpgsqlConnection db, CancellationToken ct)
    {
        await using var cmd = f.Command(db, $"EXPLAIN (FORMAT JSON) SELECT 1 FROM records r WHERE {f.Where}");
        var json = (string)(await cmd.ExecuteScalarAsync(ct))!;
        using var doc = System.Text.Json.JsonDocument.Parse(json);
        return doc.RootElement[0].GetProperty("Plan").GetProperty("Plan Rows").GetDouble();
    }

    /// <summary>
    /// Counts the hits (in the table or a sample of it, at most <paramref name="cap"/>) and, when there are no more than
    /// <paramref name="facetsUpTo"/>, aggregates the facets over a hash subsample of about facetRows of them.
    /// Returns the hits counted, the rows the facets aggregated, and the raw facet counts.
    /// </summary>
    private static async Task<(long Hits, long Sampled, List<(string Facet, string Key, long Count)> Raw)> PassAsync(RecordFilter f, NpgsqlConnection db,
        string sample, long? cap, long facetsUpTo, int facetRows, CancellationToken ct)
    {
        var limit = cap is { } c ? $"LIMIT {c}" : "";
        var raw = new List<(string, string, long)>();
        if (facetsUpTo < 0)
        {
            await using var cmd = f.Command(db, $"SELECT count(*) FROM (SELECT 1 FROM records r {sample} WHERE {f.Where} {limit}) x");
            return ((long)(await cmd.ExecuteScalarAsync(ct))!, 0, raw);
        }
        var sql = $"""
            WITH hits AS MATERIALIZED (
                SELECT r.id, r.right_type, r.application_date, r.province_code, r.city_code, r.county_code, r.ipc_classes, r.industry_codes, r.first_applicant
                FROM records r {sample} WHERE {f.Where} {limit}),
            n AS (SELECT count(*) AS n FROM hits),
            s AS MATERIALIZED (
                SELECT h.* FROM hits h, n WHERE n.n <= {facetsUpTo}
                  AND (n.n <= {facetRows} OR (hashint8(h.id) & 1048575) < 1048576 * {facetRows} / NULLIF(n.n, 0)))
            (SELECT 'total', '', n FROM n)
            UNION ALL (SELECT 'sampled', '', count(*) FROM s)
            UNION ALL (SELECT 'type', right_type, count(*) FROM s GROUP BY 2)
            UNION ALL (SELECT 'year', extract(year FROM application_date)::int::text, count(*) FROM s WHERE application_date IS NOT NULL GROUP BY 2 ORDER BY 2 DESC LIMIT 30)
            UNION ALL (SELECT 'province', province_code, count(*) FROM s WHERE province_code IS NOT NULL GROUP BY 2 ORDER BY 3 DESC LIMIT 40)
            UNION ALL (SELECT 'city', city_code, count(*) FROM s WHERE city_code IS NOT NULL GROUP BY 2 ORDER BY 3 DESC LIMIT 20)
            UNION ALL (SELECT 'county', county_code, count(*) FROM s WHERE county_code IS NOT NULL GROUP BY 2 ORDER BY 3 DESC LIMIT 20)
            UNION ALL (SELECT 'ipcSection', x, count(*) FROM s, unnest(ipc_classes) x WHERE length(x) = 1 GROUP BY 2 ORDER BY 3 DESC LIMIT 8)
            UNION ALL (SELECT 'ipcClass', x, count(*) FROM s, unnest(ipc_classes) x WHERE length(x) = 3 GROUP BY 2 ORDER BY 3 DESC LIMIT 20)
            UNION ALL (SELECT 'industry', x, count(*) FROM s, unnest(industry_codes) x WHERE length(x) = 2 GROUP BY 2 ORDER BY 3 DESC LIMIT 20)
            UNION ALL (SELECT 'applicant', first_applicant, count(*) FROM s WHERE first_applicant IS NOT NULL GROUP BY 2 ORDER BY 3 DESC LIMIT 20)
            """;
        long hits = 0, sampled = 0;
        await using (var cmd = f.Command(db, sql))
        await using (var r = await cmd.ExecuteReaderAsync(ct))
            while (await r.ReadAsync(ct))
            {
                var facet = r.GetString(0);
                if (facet == "total") hits = r.GetInt64(2);
                else if (facet == "sampled") sampled = r.GetInt64(2);
                else raw.Add((facet, r.GetString(1), r.GetInt64(2)));
            }
        return (hits, sampled, raw);
    }

    private static Dictionary<string, IReadOnlyList<FacetValue>> Scale(List<(string Facet, string Key, long Count)> raw, RecordsReference reference, double scale)
    {
        var result = new Dictionary<string, List<FacetValue>>();
        foreach (var (facet, key, count) in raw)
        {
            if (!result.TryGetValue(facet, out var list)) result[facet] = list = [];
            list.Add(new FacetValue(key, Label(facet, key, reference), (long)Math.Round(count * scale)));
        }
        foreach (var l in result.Values) if (l.Count > 0 && l[0].Key.Length > 0) l.Sort((a, b) => b.Count.CompareTo(a.Count));
        if (result.TryGetValue("year", out var years)) years.Sort((a, b) => string.CompareOrdinal(b.Key, a.Key));
        return result.ToDictionary(x => x.Key, x => (IReadOnlyList<FacetValue>)x.Value);
    }

    /// <summary>Default of <see cref="Platform.ZhichanOptions.SearchExactUpTo"/>: result sets up to this size get exact totals and facets.</summary>
    public const int ExactUpTo = 10_000;

    private static string Sample(double percent) =>
        percent < 100 ? $"TABLESAMPLE SYSTEM ({percent.ToString("0.####", System.Globalization.CultureInfo.InvariantCulture)}) REPEATABLE (7)" : "";

    private static string Label(string facet, string key, RecordsReference reference) => facet switch
    {
        "type" => RightTypes.Names.GetValueOrDefault(key, key),
        "province" or "county" => reference.Gazetteer?.Find(key)?.Name ?? key,
        "city" => RegionPath(reference, key) ?? key,
        "ipcSection" => IpcSections.GetValueOrDefault(key, key),
        "industry" => reference.IndustryNames.TryGetValue(key, out var n) ? $"{key} {n}" : key,
        _ => key,
    };

    /// <summary>"江苏省 徐州市 泉山区" for a region code.</summary>
    public static string? RegionPath(RecordsReference reference, string? code)
    {
        if (code is null || reference.Gazetteer is null) return null;
        var parts = new List<string>();
        for (var r = reference.Gazetteer.Find(code); r is not null; r = r.ParentCode is null ? null : reference.Gazetteer.Find(r.ParentCode))
            if (r.Name is not ("市辖区" or "县" or "省直辖县级行政区划" or "自治区直辖县级行政区划")) parts.Insert(0, r.Name);
        return string.Join(' ', parts);
    }

    private static string? S(NpgsqlDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);
    private static DateOnly? D(NpgsqlDataReader r, int i) => r.IsDBNull(i) ? null : r.GetFieldValue<DateOnly>(i);

    /// <summary>The keyset position after a row: its sort date ("-" when it has none) and id.</summary>
    public static string EncodeCursor(DateOnly? d, long id) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes($"{(d is { } x ? x.ToString("yyyy-MM-dd") : "-")}|{id}")).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static (DateOnly? Date, long Id) DecodeCursor(string cursor)
    {
        try
        {
            var s = cursor.Replace('-', '+').Replace('_', '/');
            s = s.PadRight(s.Length + (4 - s.Length % 4) % 4, '=');
            var parts = Encoding.UTF8.GetString(Convert.FromBase64String(s)).Split('|');
            return (parts[0] == "-" ? null : DateOnly.ParseExact(parts[0], "yyyy-MM-dd"), long.Parse(parts[1]));
        }
        catch (Exception e) when (e is FormatException or IndexOutOfRangeException or OverflowException)
        {
            throw new RequestValidationException("cursor", "翻页游标无效，请从第一页重新检索");
        }
    }
}
