using Zhichan.Api.Features.Indicators;

namespace Zhichan.Api.Features.Registries.Units;

/// <summary>
/// 地理标志商标量 (<c>gi_trademarks</c>) from the GI register (ADR 0028): at each year's end, the registered 地理标志证明商标 and
/// 集体商标 still in force — registered on or before 31 December, not ended (撤销/注销) by then, term not run out — counted once per
/// registration number, in each region of the protected area and in each level above it (a mark covering two counties of a
/// city counts once for the city).
/// </summary>
public sealed class GiTrademarksIndicator : IModuleIndicator
{
    public const string IndicatorCode = "gi_trademarks";

    public string Code => IndicatorCode;

    /// <summary>The marks in force at the end of <c>@year</c>, one row per (mark, region of any level).</summary>
    private const string InForce = """
        SELECT g.id, g.registration_number, lvl.code AS region_code
        FROM geo_indications g
        CROSS JOIN LATERAL unnest(g.region_codes) AS a(code)
        CROSS JOIN LATERAL (VALUES (a.code), (substr(a.code, 1, 4) || '00'), (substr(a.code, 1, 2) || '0000')) AS lvl(code)
        WHERE g.kind = ANY(@kinds) AND g.status = ANY(@statuses) AND g.registration_number IS NOT NULL
          AND g.registered_on <= make_date(@year, 12, 31)
          AND (g.ended_on IS NULL OR g.ended_on > make_date(@year, 12, 31))
          AND (g.valid_until IS NULL OR g.valid_until >= make_date(@year, 12, 31))
        """;

    public async Task<IReadOnlyList<ModuleIndicatorValue>> ComputeAsync(NpgsqlConnection conn, CancellationToken ct)
    {
        var first = await conn.ExecuteScalarAsync<int?>(
            "SELECT min(extract(year FROM registered_on))::int FROM geo_indications WHERE kind = ANY(@kinds) AND registration_number IS NOT NULL AND status = ANY(@statuses)",
            new { kinds = GiKindCodes.Trademarks, statuses = GeoIndications.WasRegistered });
        if (first is null) return [];
        var current = ChinaTime.Today(TimeProvider.System).Year;
        var values = new List<ModuleIndicatorValue>();
        for (var year = first.Value; year <= current; year++)
        {
            var rows = await conn.QueryAsync<(string RegionCode, long N)>(
                $"SELECT region_code, count(DISTINCT registration_number) AS n FROM ({InForce}) x GROUP BY region_code",
                new { kinds = GiKindCodes.Trademarks, statuses = GeoIndications.WasRegistered, year });
            values.AddRange(rows.Select(r => new ModuleIndicatorValue(r.RegionCode, year, r.N,
                year == current ? "截至今日的登记簿（年末存量以当前状态推算）" : null)));
        }
        return values;
    }

    public async Task<ModuleIndicatorRows> RowsAsync(NpgsqlConnection conn, string regionCode, int year, int offset, int limit, CancellationToken ct)
    {
        // one row per registration number (the lowest id when a number was entered twice), as the value counts it
        var sql = $"""
            SELECT DISTINCT ON (x.registration_number) x.id, x.registration_number FROM ({InForce}) x
            WHERE x.region_code = @regionCode ORDER BY x.registration_number, x.id
            """;
        var args = new { kinds = GiKindCodes.Trademarks, statuses = GeoIndications.WasRegistered, year, regionCode, offset, limit };
        var total = await conn.ExecuteScalarAsync<long>($"SELECT count(*) FROM ({sql}) t", args);
        var rows = await conn.QueryAsync<(long Id, string Product, string Kind, string Holder, string RegistrationNumber, DateTime? RegisteredOn)>($"""
            SELECT g.id, g.product, g.kind, g.holder, g.registration_number, g.registered_on::timestamp AS registered_on
            FROM ({sql}) t JOIN geo_indications g ON g.id = t.id ORDER BY g.registered_on, g.id OFFSET @offset LIMIT @limit
            """, args);
        return new ModuleIndicatorRows(total, rows.Select(r => new ModuleIndicatorRow(UnitVocabulary.NameOf(UnitVocabulary.GiKinds, r.Kind)!, r.Id, r.Product,
            $"注册号 {r.RegistrationNumber}；注册人 {r.Holder}", r.RegisteredOn is { } d ? DateOnly.FromDateTime(d) : null, $"/registries/gi/{r.Id}")).ToList());
    }
}
