using System.Diagnostics;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;
using Zhichan.Api.Platform.Errors;

namespace Zhichan.Api.Features.Records.Search;

public sealed record RecordHit(long Id, string RightType, string RightTypeName, string? ApplicationNumber, DateOnly? ApplicationDate,
    string? PublicationNumber, DateOnly? PublicationDate, string? GrantNumber, DateOnly? GrantDate, string? Title, string TitleHighlight, string Snippet,
    string? FirstApplicant, int ApplicantCount, string? RegionCode, string? RegionName, string? IpcMain, string[] Ipc, string? Status, string? StatusName);

public sealed record FacetValue(string Key, string Label, long Count);

/// <param name="TotalApproximate">True when more than <see cref="SearchRecords.ExactUpTo"/> records match: the total is then
/// estimated from a repeatable block sample of the table (shown as “约”).</param>
/// <param name="FacetsApproximate">True when the facet counts come from that sample, scaled up.</param>
public sealed record SearchResult(long Total, int Page, int PageSize, long TookMs, IReadOnlyList<RecordHit> Items,
    IReadOnlyDictionary<string, IReadOnlyList<FacetValue>> Facets, string? NextCursor, bool FacetsApproximate, bool TotalApproximate);

/// <summary>
/// Full-text and filtered search over all records (public, rate-limited for anonymous callers). Relevance ranks title
/// hits above parties above abstract/claims above address; date sorts page with a keyset cursor for deep paging.
/// </summary>
public static class SearchRecords
{
    public const int MaxOffset = 10_000;

    public static readonly IReadOnlyDictionary<string, string> IpcSections = new Dictionary<string, string>
    {
        ["A"] = "A 人类生活必需", ["B"] = "B 作业；运输", ["C"] = "C 化学；冶金", ["D"] = "D 纺织；造纸", ["E"] = "E 固定建筑物",
        ["F"] = "F 机械工程；照明；加热；武器；爆破", ["G"] = "G 物理", ["H"] = "H 电学",
    };

    public static async Task<Ok<SearchResult>> HandleAsync([AsParameters] RecordFilterParams filter, string? sort, int? page, int? pageSize, string? cursor,
        bool? facets, NpgsqlDataSource db, RecordsReference reference, Platform.ZhichanOptions options, CancellationToken ct)
    {
        var sw = Stopwatch.StartNew();
        var f = new RecordFilter(filter);
        var size = Math.Clamp(pageSize ?? 20, 1, 100);
        var pg = Math.Max(page ?? 1, 1);
        sort ??= f.TsQuery is not null ? "relevance" : "date_desc";
        if (sort is not ("relevance" or "date_desc" or "date_asc")) throw new RequestValidationException("sort", $"排序方式“{sort}”无效，应为 relevance、date_desc 或 date_asc");
        if (sort == "relevance" && f.TsQuery is null) sort = "date_desc";
        var offset = (pg - 1) * size;
        if (cursor is null && offset > MaxOffset)
            throw new RequestValidationException("page", $"最多只能直接翻到第 {MaxOffset / size} 页；请使用 cursor 逐页向后翻，或缩小检索范围");

        var where = f.Where;
        string order, select = "";
        if (sort == "relevance")
        {
            var tsq = f.Param(f.TsQuery!);
            select = $", ts_rank_cd('{{0.1, 0.2, 0.4, 1.0}}', r.search_vector, to_tsquery('simple', {tsq}), 1) AS rank";
            order = "rank DESC, r.id DESC";
        }
        else
        {
            var dir = sort == "date_asc" ? "ASC" : "DESC";
            order = $"{f.DateColumn} {dir} NULLS LAST, r.id {dir}";
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
            FROM records r WHERE {where} ORDER BY {order} LIMIT {limit} OFFSET {off}
            """;
        var terms = Highlighter.TermsOf(f.Query);
        var items = new List<RecordHit>();
        await using (var cmd = f.Command(db, sql))
        await using (var r = await cmd.ExecuteReaderAsync(ct))
        {
            while (await r.ReadAsync(ct))
            {
                if (items.Count == size) { items.Add(null!); break; }
                var title = r.IsDBNull(8) ? null : r.GetString(8);
                var region = r.IsDBNull(13) ? null : r.GetString(13);
                var status = r.IsDBNull(16) ? null : r.GetString(16);
                var type = r.GetString(1);
                items.Add(new RecordHit(r.GetInt64(0), type, RightTypes.Names.GetValueOrDefault(type, type), S(r, 2), D(r, 3), S(r, 4), D(r, 5), S(r, 6), D(r, 7),
                    title, Highlighter.Mark(title, terms), Highlighter.Snippet([S(r, 9), S(r, 10), S(r, 17)], terms),
                    S(r, 11), r.GetInt32(12), region, RegionPath(reference, region), S(r, 14), r.GetFieldValue<string[]>(15), status,
                    status is null ? null : RecordStatus.Names.GetValueOrDefault(status, status)));
            }
        }
        var hasMore = items.Count > size;
        if (hasMore) items.RemoveAt(items.Count - 1);
        string? next = null;
        if (hasMore && sort != "relevance" && items.Count > 0)
        {
            await using var c = db.CreateCommand($"SELECT {f.DateColumn} FROM records r WHERE r.id = $1");
            c.Parameters.Add(new NpgsqlParameter { Value = items[^1].Id });
            next = EncodeCursor(await c.ExecuteScalarAsync(ct) as DateOnly?, items[^1].Id);
        }

        // exact counts and facets up to ExactUpTo hits; beyond, both come from one repeatable block sample of about
        // ExactUpTo rows of the table, scaled up (a broad query over millions of rows stays as fast as a narrow one)
        long total;
        var exactUpTo = options.SearchExactUpTo;
        await using (var cmd = f.Command(db, $"SELECT count(*) FROM (SELECT 1 FROM records r WHERE {f.Where} LIMIT {exactUpTo + 1}) x"))
            total = (long)(await cmd.ExecuteScalarAsync(ct))!;
        var approximate = total > exactUpTo;
        double percent = 100;
        if (approximate)
        {
            await using (var est = db.CreateCommand("SELECT GREATEST(reltuples, 1)::float8 FROM pg_class WHERE oid = 'records'::regclass"))
                percent = Math.Clamp(100.0 * exactUpTo / (double)(await est.ExecuteScalarAsync(ct))!, 0.01, 100);
            await using var cmd = f.Command(db, $"SELECT count(*) FROM records r {Sample(percent)} WHERE {f.Where}");
            total = Math.Max(exactUpTo + 1, (long)Math.Round((long)(await cmd.ExecuteScalarAsync(ct))! * 100 / percent));
        }

        var wantFacets = facets != false && cursor is null;
        var facetResult = wantFacets ? await FacetsAsync(f, db, reference, percent, ct) : new Dictionary<string, IReadOnlyList<FacetValue>>();
        return TypedResults.Ok(new SearchResult(total, pg, size, sw.ElapsedMilliseconds, items, facetResult, next, wantFacets && approximate, approximate));
    }

    /// <summary>Default of <see cref="Platform.ZhichanOptions.SearchExactUpTo"/>: result sets up to this size get exact totals and facets.</summary>
    public const int ExactUpTo = 10_000;

    private static string Sample(double percent) =>
        percent < 100 ? $"TABLESAMPLE SYSTEM ({percent.ToString("0.####", System.Globalization.CultureInfo.InvariantCulture)}) REPEATABLE (7)" : "";

    private static async Task<Dictionary<string, IReadOnlyList<FacetValue>>> FacetsAsync(RecordFilter f, NpgsqlDataSource db, RecordsReference reference, double percent, CancellationToken ct)
    {
        var sample = Sample(percent);
        var scale = 100.0 / percent;
        var sql = $"""
            WITH hits AS MATERIALIZED (
                SELECT r.right_type, r.application_date, r.province_code, r.city_code, r.county_code, r.ipc_classes, r.industry_codes, r.first_applicant
                FROM records r {sample} WHERE {f.Where})
            (SELECT 'type', right_type, count(*) FROM hits GROUP BY 2)
            UNION ALL (SELECT 'year', extract(year FROM application_date)::int::text, count(*) FROM hits WHERE application_date IS NOT NULL GROUP BY 2 ORDER BY 2 DESC LIMIT 30)
            UNION ALL (SELECT 'province', province_code, count(*) FROM hits WHERE province_code IS NOT NULL GROUP BY 2 ORDER BY 3 DESC LIMIT 40)
            UNION ALL (SELECT 'city', city_code, count(*) FROM hits WHERE city_code IS NOT NULL GROUP BY 2 ORDER BY 3 DESC LIMIT 20)
            UNION ALL (SELECT 'county', county_code, count(*) FROM hits WHERE county_code IS NOT NULL GROUP BY 2 ORDER BY 3 DESC LIMIT 20)
            UNION ALL (SELECT 'ipcSection', c, count(*) FROM hits, unnest(ipc_classes) c WHERE length(c) = 1 GROUP BY 2 ORDER BY 3 DESC LIMIT 8)
            UNION ALL (SELECT 'ipcClass', c, count(*) FROM hits, unnest(ipc_classes) c WHERE length(c) = 3 GROUP BY 2 ORDER BY 3 DESC LIMIT 20)
            UNION ALL (SELECT 'industry', c, count(*) FROM hits, unnest(industry_codes) c WHERE length(c) = 2 GROUP BY 2 ORDER BY 3 DESC LIMIT 20)
            UNION ALL (SELECT 'applicant', first_applicant, count(*) FROM hits WHERE first_applicant IS NOT NULL GROUP BY 2 ORDER BY 3 DESC LIMIT 20)
            """;
        var result = new Dictionary<string, List<FacetValue>>();
        await using (var cmd = f.Command(db, sql))
        await using (var r = await cmd.ExecuteReaderAsync(ct))
            while (await r.ReadAsync(ct))
            {
                var facet = r.GetString(0);
                var key = r.GetString(1);
                if (!result.TryGetValue(facet, out var list)) result[facet] = list = [];
                list.Add(new FacetValue(key, Label(facet, key, reference), (long)Math.Round(r.GetInt64(2) * scale)));
            }
        foreach (var l in result.Values) if (l.Count > 0 && l[0].Key.Length > 0) l.Sort((a, b) => b.Count.CompareTo(a.Count));
        if (result.TryGetValue("year", out var years)) years.Sort((a, b) => string.CompareOrdinal(b.Key, a.Key));
        return result.ToDictionary(x => x.Key, x => (IReadOnlyList<FacetValue>)x.Value);
    }

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
