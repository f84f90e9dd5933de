using Zhichan.Api.Features.Indicators;

namespace Zhichan.Api.Features.Registries.Agencies;

/// <summary>
/// 知识产权服务机构数 (catalogue <c>service_agencies</c>): agencies in the register at each year's end — registered on or
/// before 31 December (the day of entry when the registration date is unknown) and not cancelled by then — by region, each
/// counted at its county, city and province. Rows marked 示例 are demo data and never counted.
/// </summary>
public sealed class AgencyCountIndicator : IModuleIndicator
{
    public const string IndicatorCode = "service_agencies";
    public string Code => IndicatorCode;

    private const string Facts = """
        SELECT id, name, region_code, coalesce(registered_on, (created_at AT TIME ZONE 'Asia/Shanghai')::date)::timestamp AS since, cancelled_on::timestamp AS cancelled_on, agent_count, kinds
        FROM agencies WHERE NOT is_example AND region_code IS NOT NULL
        """;

    public async Task<IReadOnlyList<ModuleIndicatorValue>> ComputeAsync(NpgsqlConnection conn, CancellationToken ct)
    {
        var facts = (await conn.QueryAsync<(long Id, string Name, string RegionCode, DateTime Since, DateTime? CancelledOn)>(new CommandDefinition($"SELECT id, name, region_code, since, cancelled_on FROM ({Facts}) f", cancellationToken: ct))).ToList();
        if (facts.Count == 0) return [];
        var thisYear = ChinaTime.Today(TimeProvider.System).Year;
        var values = new List<ModuleIndicatorValue>();
        for (var year = facts.Min(f => f.Since.Year); year <= thisYear; year++)
        {
            var end = new DateTime(year, 12, 31);
            var counts = new Dictionary<string, int>();
            foreach (var f in facts.Where(f => f.Since <= end && (f.CancelledOn is null || f.CancelledOn > end)))
                foreach (var code in Levels(f.RegionCode))
                    counts[code] = counts.GetValueOrDefault(code) + 1;
            values.AddRange(counts.Select(c => new ModuleIndicatorValue(c.Key, year, c.Value, year == thisYear ? "本年度为截至今日在册数" : null)));
        }
        return values;
    }

    public async Task<ModuleIndicatorRows> RowsAsync(NpgsqlConnection conn, string regionCode, int year, int offset, int limit, CancellationToken ct)
    {
        var prefix = CurrentUser.SignificantPrefix(regionCode);
        var end = new DateOnly(year, 12, 31);
        var where = "WHERE region_code LIKE @prefix || '%' AND since <= @end AND (cancelled_on IS NULL OR cancelled_on > @end)";
        var total = await conn.ExecuteScalarAsync<long>(new CommandDefinition($"SELECT count(*) FROM ({Facts}) f {where}", new { prefix, end }, cancellationToken: ct));
        var rows = await conn.QueryAsync<(long Id, string Name, DateTime Since, int? AgentCount)>(new CommandDefinition(
            $"SELECT id, name, since, agent_count FROM ({Facts}) f {where} ORDER BY name, id OFFSET @offset LIMIT @limit", new { prefix, end, offset, limit }, cancellationToken: ct));
        return new ModuleIndicatorRows(total, rows.Select(r => new ModuleIndicatorRow("服务机构", r.Id, r.Name,
            r.AgentCount is { } n ? $"专利代理师 {n} 人" : null, DateOnly.FromDateTime(r.Since), $"/registries/agencies/{r.Id}")).ToList());
    }

    private static IEnumerable<string> Levels(string code)
    {
        if (code.Length != 6) yield break;
        yield return code[..2] + "0000";
        if (code[2..] != "0000") yield return code[..4] + "00";
        if (code[4..] != "00") yield return code;
    }
}
