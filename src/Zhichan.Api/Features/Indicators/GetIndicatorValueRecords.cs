using static Zhichan.Api.Features.Indicators.IndicatorValues;

namespace Zhichan.Api.Features.Indicators;

public sealed record DrillDownRecordDto(long Id, string? ApplicationNumber, string? Title, string? FirstApplicant, DateOnly? ApplicationDate, DateOnly? GrantDate,
    string? CountyCode, string? Status, decimal? Share = null);

public sealed record DrillDownDto(string Code, string RegionCode, int Year, int DefinitionVersion, long Total, IReadOnlyList<DrillDownRecordDto> Items, string RecordsLink,
    IReadOnlyList<string>? MemberCodes = null, decimal? ShareTotal = null);

/// <summary>The drill-down of a computed value: the records behind it, by the same rule as the computation.</summary>
public static class GetIndicatorValueRecords
{
    /// <summary>The records behind one computed value, by the same rule as the computation (first-named or all applicants, date basis, stock).</summary>
    public static async Task<Ok<DrillDownDto>> HandleAsync(string code, string? region, int? year, int? version, int? page, int? pageSize,
        NpgsqlDataSource db, CurrentUser me, CancellationToken ct)
    {
        var v = new Validation();
        if (region is null || (!IsRegionCode(region) && !CustomUnits.IsUnitCode(region))) v.Add("region", "请提供 6 位行政区划代码或自定义考核单元代码");
        if (year is null or < 1985 or > 2100) v.Add("year", "请提供 1985 至 2100 之间的年份");
        v.ThrowIfInvalid();
        var (_, size, offset) = Paging.Of(page, pageSize, 50, 500);
        await using var conn = await db.OpenConnectionAsync(ct);
        var unit = CustomUnits.IsUnitCode(region!)
            ? (await CustomUnits.LoadAsync(conn)).FirstOrDefault(u => u.Code == region) ?? throw new DomainException($"自定义考核单元“{region}”不存在", 404)
            : null;
        if (me.RegionPrefix is { } prefix && (unit is null ? !region!.StartsWith(prefix, StringComparison.Ordinal) : !CustomUnits.VisibleTo(unit, me)))
            throw new DomainException("县区用户只能查看本地区的记录清单", 403, "无权访问");
        var codes = unit?.MemberCodes ?? [region!];
        var def = version is null ? await CurrentAsync(conn, code)
            : await conn.QuerySingleOrDefaultAsync<IndicatorDefinition>("SELECT * FROM indicator_definitions WHERE code = @code AND version = @version", new { code, version })
              ?? throw new DomainException($"指标“{code}”没有第 {version} 版定义", 404);
        if (def.Source != IndicatorSources.Records) throw new DomainException($"“{def.Name}”不是由数据中心记录计算的指标，没有记录清单", 400, "无法下钻");
        var types = def.Method switch
        {
            { } m when m.StartsWith("per_10k:", StringComparison.Ordinal) => def.RightTypes,
            _ => def.RightTypes,
        };
        var stock = def.TimeBasis == TimeBases.StockYearEnd;
        var col = def.TimeBasis switch { TimeBases.GrantDate => "grant_date", TimeBases.PublicationDate => "publication_date", _ => "application_date" };
        var dateCond = stock
            ? $"r.grant_date <= make_date(@year, 12, 31) AND NOT EXISTS (SELECT 1 FROM jsonb_array_elements(r.events) e WHERE e->>'code' IN ({IndicatorComputer.LapseEvents}) AND (e->>'date')::date <= make_date(@year, 12, 31))"
            : $"r.{col} >= make_date(@year, 1, 1) AND r.{col} <= make_date(@year, 12, 31)";
        if (def.Method == IndicatorMethods.HighValue) dateCond += " AND r.application_date <= make_date(@year - 10, 12, 31)";
        const string entityIn = "(e.region_code = ANY(@codes) OR substr(e.region_code, 1, 4) || '00' = ANY(@codes) OR substr(e.region_code, 1, 2) || '0000' = ANY(@codes))";
        var firstIn = "(r.province_code = ANY(@codes) OR r.city_code = ANY(@codes) OR r.county_code = ANY(@codes))";
        var domestic = def.DomesticOnly ? " AND r.province_code IS NOT NULL AND COALESCE(r.region_rule, '') <> 'foreign'" : "";
        string regionCond, share = "NULL::numeric";
        if (def.Fractional)
        {
            // the record's share in the region: (first applicant there + co-applicants there) / n — the same rule as the computation
            share = $"""
                ((CASE WHEN {firstIn}{domestic} THEN 1 ELSE 0 END)
                 + (SELECT count(*) FROM unnest(r.applicant_keys) WITH ORDINALITY k(key, pos) JOIN entities e ON e.match_key = k.key
                    WHERE k.pos > 1 AND e.region_code ~ '^[0-9]+$' AND length(e.region_code) = 6 AND {entityIn}))::numeric / GREATEST(cardinality(r.applicants), 1)
                """;
            regionCond = $"({share}) > 0";
            domestic = "";
        }
        else
        {
            regionCond = def.Counting == CountingRules.AllApplicants
                ? $"({firstIn} OR EXISTS (SELECT 1 FROM entities e WHERE e.id = ANY(r.applicant_entity_ids) AND {entityIn}))"
                : firstIn;
        }
        var where = $"r.right_type = ANY(@types) AND {dateCond} AND {regionCond}{domestic}";
        var args = new { types, year, codes, size, offset };
        var total = await conn.ExecuteScalarAsync<long>($"SELECT count(*) FROM records r WHERE {where}", args);
        decimal? shareTotal = def.Fractional ? Math.Round(await conn.ExecuteScalarAsync<decimal>($"SELECT COALESCE(sum({share}), 0) FROM records r WHERE {where}", args), 4) : null;
        var items = (await conn.QueryAsync<DrillDownRecordDto>($"""
            SELECT r.id, r.application_number, r.title, r.first_applicant, r.application_date, r.grant_date, r.county_code, r.status, round({share}, 4) AS share
            FROM records r WHERE {where} ORDER BY r.application_date, r.id LIMIT @size OFFSET @offset
            """, args)).ToList();
        return TypedResults.Ok(new DrillDownDto(code, region!, year!.Value, def.Version, total, items, RecordsLink(def, unit is null ? region! : string.Join(",", codes), year.Value),
            unit?.MemberCodes, shareTotal));
    }
}
