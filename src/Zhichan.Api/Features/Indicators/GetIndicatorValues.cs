using static Zhichan.Api.Features.Indicators.IndicatorValues;

namespace Zhichan.Api.Features.Indicators;

public sealed record IndicatorValuesDto(IndicatorDto Definition, IReadOnlyList<IndicatorValueDto> Values, DateTime? LastComputedAt);

/// <summary>The values of one indicator by region and year, each with its lineage; regions without a value say why.</summary>
public static class GetIndicatorValues
{
    /// <summary>
    /// Values of one indicator. region: comma-separated codes; parent: the children of a region (e.g. 320000 → the 13 cities);
    /// version: a past definition version (default: current). District users see their own region only.
    /// </summary>
    public static async Task<Ok<IndicatorValuesDto>> HandleAsync(string code, string? region, string? parent, int? year, int? version, bool? units,
        NpgsqlDataSource db, CurrentUser me, CancellationToken ct)
    {
        var v = new Validation();
        var regions = (region ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
        foreach (var r in regions.Where(r => !IsRegionCode(r) && !CustomUnits.IsUnitCode(r))) v.Add("region", $"行政区划代码“{r}”应为 6 位数字（自定义考核单元为 U 加 5 位数字）");
        if (parent is not null && !IsRegionCode(parent)) v.Add("parent", $"上级行政区划代码“{parent}”应为 6 位数字");
        if (year is < 1985 or > 2100) v.Add("year", "年份应在 1985 至 2100 之间");
        v.ThrowIfInvalid();

        await using var conn = await db.OpenConnectionAsync(ct);
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

        var rows = (await conn.QueryAsync<ValueRow>(ValueSelect + """
            WHERE v.definition_id = @Id AND (cardinality(@regions) = 0 OR v.region_code = ANY(@regions)) AND (@year::int IS NULL OR v.year = @year)
            ORDER BY v.year DESC, v.region_code
            LIMIT 5000
            """, new { def.Id, regions = regions.ToArray(), year })).ToList();

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
                var status = def.Source == IndicatorSources.Records ? "no_data" : "pending_report";
                values.Add(new IndicatorValueDto(null, missing, names.GetValueOrDefault(missing), y, null, status, StatusNames[status],
                    status == "no_data" ? "无数据" : "待填报", def.Version, def.Id, null, null, null, def.DataNote, null, null, null, null, null, null));
            }
        }
        var last = await conn.ExecuteScalarAsync<DateTime?>("SELECT max(finished_at) FROM indicator_computations");
        return TypedResults.Ok(new IndicatorValuesDto(ToDto(def), values, last));
    }
}
