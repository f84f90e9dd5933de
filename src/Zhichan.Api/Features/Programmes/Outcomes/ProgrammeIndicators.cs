using Zhichan.Api.Features.Indicators;

namespace Zhichan.Api.Features.Programmes.Outcomes;

/// <summary>
/// The catalogue indicators the outcome stages own (ADR 0045), flows by year and the applicant's region (each at its county, city
/// and province); calls marked 示例 never count. 资助金额 (<c>programme_funding_amount</c>, 万元): payments made in the year, by the
/// day paid, returned ones not counted. 专利奖数 (<c>patent_awards</c>, 项): approvals in the year of the programmes whose definition
/// names that indicator. 贯标企业数 and 示范/优势企业数 count the entity labels an approval writes (Registries/Entities).
/// </summary>
public sealed class ProgrammeIndicators(string code) : IModuleIndicator
{
    public const string FundingCode = "programme_funding_amount", AwardsCode = "patent_awards";

    public static readonly string[] Codes = [FundingCode, AwardsCode];

    public string Code => code;

    private const string Funding = """
        SELECT p.id, p.amount AS value, p.paid_on AS day, a.region_code, a.applicant_name, c.title, p.reference AS detail, c.id AS call_id
        FROM programme_payments p JOIN programme_applications a ON a.id = p.application_id JOIN programme_calls c ON c.id = a.call_id
        WHERE p.status = 'paid' AND p.paid_on IS NOT NULL AND NOT c.is_example AND a.region_code ~ '^[0-9]{6}$'
        """;

    private const string Awards = """
        SELECT a.id, 1::numeric AS value, (a.decided_at AT TIME ZONE 'Asia/Shanghai')::date AS day, a.region_code, a.applicant_name, c.title, a.level AS detail, c.id AS call_id
        FROM programme_applications a JOIN programme_calls c ON c.id = a.call_id JOIN programme_types t ON t.id = c.type_id
        WHERE a.status = 'approved' AND a.decided_at IS NOT NULL AND NOT c.is_example AND a.region_code ~ '^[0-9]{6}$'
          AND COALESCE(t.definition->>'indicator', t.definition->>'Indicator') = 'patent_awards'
        """;

    private string Facts => code == FundingCode ? Funding : Awards;

    public async Task<IReadOnlyList<ModuleIndicatorValue>> ComputeAsync(NpgsqlConnection conn, CancellationToken ct)
    {
        var rows = await conn.QueryAsync<(string Region, int Year, decimal Value)>(new CommandDefinition($"""
            SELECT v.code, extract(year FROM f.day)::int, sum(f.value) FROM ({Facts}) f
            CROSS JOIN LATERAL (SELECT DISTINCT code FROM (VALUES (substr(f.region_code, 1, 2) || '0000'), (substr(f.region_code, 1, 4) || '00'), (f.region_code)) x(code)) v
            GROUP BY v.code, extract(year FROM f.day)
            """, cancellationToken: ct));
        return rows.Select(r => new ModuleIndicatorValue(r.Region, r.Year, code == FundingCode ? decimal.Round(r.Value / 10_000m, 4) : r.Value,
            code == FundingCode ? "申报评审模块当年实际拨付的资助/奖励资金（不含退回）" : "申报评审模块当年认定的专利奖")).ToList();
    }

    public async Task<ModuleIndicatorRows> RowsAsync(NpgsqlConnection conn, string regionCode, int year, int offset, int limit, CancellationToken ct)
    {
        var args = new { prefix = CurrentUser.SignificantPrefix(regionCode), year, offset, limit };
        var where = "WHERE f.region_code LIKE @prefix || '%' AND extract(year FROM f.day) = @year";
        var total = await conn.ExecuteScalarAsync<long>(new CommandDefinition($"SELECT count(*) FROM ({Facts}) f {where}", args, cancellationToken: ct));
        var rows = await conn.QueryAsync<(long Id, decimal Value, DateOnly Day, string ApplicantName, string Title, string? Detail, long CallId)>(new CommandDefinition(
            $"SELECT f.id, f.value, f.day, f.applicant_name, f.title, f.detail, f.call_id FROM ({Facts}) f {where} ORDER BY f.day, f.id OFFSET @offset LIMIT @limit",
            args, cancellationToken: ct));
        return new ModuleIndicatorRows(total, rows.Select(r => code == FundingCode
            ? new ModuleIndicatorRow("资金拨付", r.Id, r.ApplicantName, $"{r.Title}：{OutcomeRules.Yuan(r.Value)}{(r.Detail is null ? "" : $"，凭证 {r.Detail}")}",
                r.Day, $"/programmes/outcomes/{r.CallId}")
            : new ModuleIndicatorRow("专利奖", r.Id, r.ApplicantName, r.Title, r.Day, $"/programmes/outcomes/{r.CallId}")).ToList());
    }
}
