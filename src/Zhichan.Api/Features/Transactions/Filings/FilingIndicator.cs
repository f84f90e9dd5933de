using Zhichan.Api.Features.Indicators;

namespace Zhichan.Api.Features.Transactions.Filings;

/// <summary>
/// 专利商标许可转让备案数 (catalogue <c>licence_assignment_filings</c>): filings 备案 (in state 备案, or later changed or
/// cancelled) counted in the year of their first 备案 date, by the region of the filing, each at its county, city and province.
/// </summary>
public sealed class FilingIndicator : IModuleIndicator
{
    public const string IndicatorCode = "licence_assignment_filings";
    public string Code => IndicatorCode;

    private const string Facts = """
        SELECT f.id, f.kind, f.filing_number, f.region_code, f.approved_on::timestamp AS approved_on
        FROM licence_filings f
        WHERE f.approved_on IS NOT NULL AND f.state IN ('approved', 'changing', 'cancelled') AND f.region_code ~ '^[0-9]{6}$'
        """;

    public async Task<IReadOnlyList<ModuleIndicatorValue>> ComputeAsync(NpgsqlConnection conn, CancellationToken ct)
    {
        var facts = await conn.QueryAsync<(string RegionCode, DateTime ApprovedOn)>(new CommandDefinition($"SELECT region_code, approved_on FROM ({Facts}) f", cancellationToken: ct));
        var counts = new Dictionary<(string, int), int>();
        foreach (var f in facts)
            foreach (var code in Levels(f.RegionCode))
                counts[(code, f.ApprovedOn.Year)] = counts.GetValueOrDefault((code, f.ApprovedOn.Year)) + 1;
        return counts.Select(c => new ModuleIndicatorValue(c.Key.Item1, c.Key.Item2, c.Value)).ToList();
    }

    public async Task<ModuleIndicatorRows> RowsAsync(NpgsqlConnection conn, string regionCode, int year, int offset, int limit, CancellationToken ct)
    {
        var prefix = CurrentUser.SignificantPrefix(regionCode);
        const string where = "WHERE region_code LIKE @prefix || '%' AND extract(year FROM approved_on) = @year";
        var total = await conn.ExecuteScalarAsync<long>(new CommandDefinition($"SELECT count(*) FROM ({Facts}) f {where}", new { prefix, year }, cancellationToken: ct));
        var rows = await conn.QueryAsync<(long Id, string Kind, string? FilingNumber, DateTime ApprovedOn, string? Parties, string? Rights)>(new CommandDefinition($"""
            SELECT f.id, f.kind, f.filing_number, f.approved_on,
                   (SELECT string_agg(p.name, '、' ORDER BY p.seq) FROM licence_filing_parties p WHERE p.filing_id = f.id),
                   (SELECT string_agg(r.number, '、' ORDER BY r.seq) FROM licence_filing_rights r WHERE r.filing_id = f.id)
            FROM ({Facts}) f {where} ORDER BY f.approved_on, f.id OFFSET @offset LIMIT @limit
            """, new { prefix, year, offset, limit }, cancellationToken: ct));
        return new ModuleIndicatorRows(total, rows.Select(r => new ModuleIndicatorRow($"{FilingKinds.Names[r.Kind]}合同备案", r.Id,
            r.Parties ?? r.FilingNumber ?? $"备案 {r.Id}", $"备案号 {r.FilingNumber}；{r.Rights}", DateOnly.FromDateTime(r.ApprovedOn), $"/transactions/filings/{r.Id}")).ToList());
    }

    private static IEnumerable<string> Levels(string code)
    {
        yield return code[..2] + "0000";
        if (code[2..] != "0000") yield return code[..4] + "00";
        if (code[4..] != "00") yield return code;
    }
}
