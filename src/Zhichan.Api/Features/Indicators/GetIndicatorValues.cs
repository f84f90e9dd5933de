using static Zhichan.Api.Features.Indicators.IndicatorValues;

namespace Zhichan.Api.Features.Indicators;

/// <param name="Total">Values matching before paging.</param>
/// <param name="Scope">The regions shown when none were asked for: the caller's jurisdiction and the regions under it.</param>
/// <param name="LatestDataYear">The latest year of the records the data centre holds (for "数据截至 … 年").</param>
public sealed record IndicatorValuesDto(IndicatorDto Definition, IReadOnlyList<IndicatorValueDto> Values, DateTime? LastComputedAt, long Total = 0, int Page = 1,
    int PageSize = 0, string? Scope = null, int? LatestDataYear = null);

/// <summary>The values of one indicator by region and year, each with its lineage; regions without a value say why.</summary>
public static class GetIndicatorValues
{
    /// <summary>
    /// Values of one indicator. region: comma-separated codes; parent: the children of a region (e.g. 320000 → the 13 cities);
    /// version: a past definition version (default: current). District users see their own region only. Without region or
    /// parent the answer is the caller's jurisdiction and the regions under it (scope=all: every region), a page at a time.
    /// </summary>
    public static async Task<Ok<IndicatorValuesDto>> HandleAsync(string code, string? region, string? parent, int? year, int? version, bool? units,
        string? scope, int? page, int? pageSize, NpgsqlDataSource db, IEnumerable<IModuleIndicator> modules, CurrentUser me, CancellationToken ct)
    {
        var (pageNo, size, offset) = Paging.Of(page, pageSize, 500, 2000);
        var v = new Validation();
        var regions = (region ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
        foreach (var r in regions.Where(r => !IsRegionCode(r) && !CustomUnits.IsUnitCode(r))) v.Add("region", $"行政区划代码“{r}”应为 6 位数字（自定义考核单元为 U 加 5 位数字）");
        if (parent is not null && !IsRegionCode(parent)) v.Add("parent", $"上级行政区划代码“{parent}”应为 6 位数字");
        if (year is < 1985 or > 2100) v.Add("year", "年份应在 1985 至 2100 之间");
        v.OneOf("scope", scope, ["all"], "范围");
        v.ThrowIfInvalid();

        await using var conn = await db.OpenConnectionAsync(ct);
        string? scopeNote = null;
        if (regions.Count == 0 && parent is null && scope != "all" && me.RegionPrefix is null)
        {
            // the caller's jurisdiction (a department's city, the bureau's) with the regions under it, not thousands nationwide
            var home = me.RegionCode is { Length: 6 } r ? r
                : await conn.ExecuteScalarAsync<string?>("SELECT region_code FROM org_units WHERE kind = 'bureau' AND region_code IS NOT NULL ORDER BY id LIMIT 1");
            if (home is not null)
            {
                parent = home;
                regions.Add(home);
                scopeNote = (await conn.ExecuteScalarAsync<string?>("SELECT name FROM ref_regions WHERE code = @home", new { home }) ?? home) + "及下辖地区";
            }
        }
        var def = version is null ? await CurrentAsync(conn, code)
            : await conn.QuerySingleOrDefaultAsync<IndicatorDefinition>("SELECT * FROM indicator_definitions WHERE code = @code AND version = @version", new { code, version })
              ?? throw new DomainException($"指标“{code}”没有第 {version} 版定义", 404);
        var customUnits = (await CustomUnits.LoadAsync(conn)).ToDictionary(u => u.Code);
        foreach (var r in regions.Where(r => CustomUnits.IsUnitCode(r) && !customUnits.ContainsKey(r)))
            throw new DomainException($"自定义考核单元“{r}”不存在", 404);
        if (parent is not null)
            regions.AddRange(await conn.QueryAsync<string>("SELECT code FROM ref_regions WHERE parent_code = @parent ORDER BY code", new { parent }));
        if (units == true)
            regions.AddRange(customUnits.Values.Where(u => parent is null || u.MemberCodes.All(m => m != parent && m.StartsWith(RegionPrefixOf(parent), StringComparison.Ordinal)))
                .Select(u => u.Code));
        if (me.RegionPrefix is { } prefix)
        {
            if (regions.Count == 0) regions.Add(me.RegionCode!);
            regions = regions.Where(r => customUnits.TryGetValue(r, out var u) ? CustomUnits.VisibleTo(u, me) : r.StartsWith(prefix, StringComparison.Ordinal)).ToList();
            if (regions.Count == 0) throw new DomainException("县区用户只能查看本地区的指标数值", 403, "无权访问");
        }

        const string where = "v.definition_id = @Id AND (cardinality(@regions) = 0 OR v.region_code = ANY(@regions)) AND (@year::int IS NULL OR v.year = @year)";
        var args = new { def.Id, regions = regions.ToArray(), year, size, offset };
        var total = await conn.ExecuteScalarAsync<long>("SELECT count(*) FROM indicator_values v WHERE " + where, args);
        var rows = (await conn.QueryAsync<ValueRow>(ValueSelect + " WHERE " + where + """

            ORDER BY v.year DESC, v.region_code
            LIMIT @size OFFSET @offset
            """, args)).ToList();
        var latestYear = await conn.ExecuteScalarAsync<int?>("SELECT extract(year FROM max(application_date))::int FROM records");

        var memberNames = await RegionNamesAsync(conn, rows.SelectMany(r => r.MemberCodes ?? []));
        var values = rows.Select(r => ToValueDto(def, r, memberNames)).ToList();
        // regions asked for that have no value: say so (无数据 / 待填报), never 0
        if (regions.Count > 0 && year is { } y)
        {
            var names = (await conn.QueryAsync<(string Code, string Name)>("SELECT code, name FROM ref_regions WHERE code = ANY(@regions)", new { regions = regions.ToArray() }))
                .ToDictionary(x => x.Code, x => x.Name);
            foreach (var u in customUnits.Values) names[u.Code] = u.Name;
            foreach (var missing in regions.Where(r => rows.All(x => x.RegionCode != r)))
            {
                var computedByModule = def.Source == IndicatorSources.Module && modules.Any(m => m.Code == def.Code);
                var status = def.Source == IndicatorSources.Records || computedByModule ? "no_data" : "pending_report";
                // say why there is no value: no records of that year yet, nothing in the module's register, or due from its owner
                var why = computedByModule ? $"业务模块中暂无该地区 {y} 年的登记，可由 {def.OwnerUnit ?? "知识产权局"} 填报"
                    : status == "no_data"
                    ? latestYear is { } ly && y > ly ? $"数据中心暂无 {y} 年记录（已导入的记录截至 {ly} 年）" : "无数据"
                    : $"待 {def.OwnerUnit ?? "知识产权局"} 填报";
                values.Add(new IndicatorValueDto(null, missing, names.GetValueOrDefault(missing), y, null, status, StatusNames[status],
                    why, def.Version, def.Id, null, null, null, def.DataNote, null, null, null, null, null, null));
            }
        }
        var last = await conn.ExecuteScalarAsync<DateTime?>("SELECT max(finished_at) FROM indicator_computations");
        return TypedResults.Ok(new IndicatorValuesDto(ToDto(def), values, last, total, pageNo, size, scopeNote, latestYear));
    }
}
