using Zhichan.Api.Features.Indicators;

namespace Zhichan.Api.Features.Transactions.Pledges;

/// <summary>
/// 知识产权质押融资额 (catalogue <c>pledge_financing_amount</c>, 亿元) and 质押项目数 (<c>pledge_projects</c>, 项), ADR 0033: the pledges
/// registered effective (登记生效) in the year — by the date of registration, whatever happened to them since — summed (secured amount)
/// or counted by the pledgor's region, each at its county, city and province. Rows marked 示例 are never counted. The rows behind a
/// value are the pledges.
/// </summary>
public sealed class PledgeIndicator(string code) : IModuleIndicator
{
    public const string AmountCode = "pledge_financing_amount", ProjectsCode = "pledge_projects";

    /// <summary>Every code this class computes: a pledge write refreshes them all.</summary>
    public static readonly string[] Codes = [AmountCode, ProjectsCode];

    public string Code => code;

    private const string Facts = """
        SELECT p.id, p.amount, p.registered_on, p.region_code, p.registration_number, e.name AS entity_name, b.name AS bank_name
        FROM pledges p JOIN entities e ON e.id = p.entity_id JOIN org_units b ON b.id = p.bank_unit_id
        WHERE NOT p.is_example AND p.registered_on IS NOT NULL AND p.state <> 'applied' AND p.region_code IS NOT NULL
        """;

    public async Task<IReadOnlyList<ModuleIndicatorValue>> ComputeAsync(NpgsqlConnection conn, CancellationToken ct)
    {
        var facts = await conn.QueryAsync<(decimal Amount, DateOnly RegisteredOn, string RegionCode)>(new CommandDefinition(
            $"SELECT amount, registered_on, region_code FROM ({Facts}) f", cancellationToken: ct));
        var sums = new Dictionary<(string Region, int Year), decimal>();
        foreach (var f in facts)
            foreach (var level in Levels(f.RegionCode))
                sums[(level, f.RegisteredOn.Year)] = sums.GetValueOrDefault((level, f.RegisteredOn.Year)) + (code == AmountCode ? f.Amount : 1);
        return sums.Select(s => new ModuleIndicatorValue(s.Key.Region, s.Key.Year, code == AmountCode ? decimal.Round(s.Value / 100_000_000m, 6) : s.Value)).ToList();
    }

    public async Task<ModuleIndicatorRows> RowsAsync(NpgsqlConnection conn, string regionCode, int year, int offset, int limit, CancellationToken ct)
    {
        var args = new { prefix = CurrentUser.SignificantPrefix(regionCode), year, offset, limit };
        const string where = "WHERE region_code LIKE @prefix || '%' AND extract(year FROM registered_on) = @year";
        var total = await conn.ExecuteScalarAsync<long>(new CommandDefinition($"SELECT count(*) FROM ({Facts}) f {where}", args, cancellationToken: ct));
        var rows = await conn.QueryAsync<(long Id, decimal Amount, DateOnly RegisteredOn, string? RegistrationNumber, string EntityName, string BankName)>(
            new CommandDefinition($"""
                SELECT id, amount, registered_on, registration_number, entity_name, bank_name FROM ({Facts}) f {where}
                ORDER BY registered_on, id OFFSET @offset LIMIT @limit
                """, args, cancellationToken: ct));
        return new ModuleIndicatorRows(total, rows.Select(r => new ModuleIndicatorRow("质押融资", r.Id, $"{r.EntityName} → {r.BankName}",
            $"担保金额 {PledgeAccess.Yuan(r.Amount)}，登记号 {r.RegistrationNumber}", r.RegisteredOn, $"/transactions/pledges/{r.Id}")).ToList());
    }

    private static IEnumerable<string> Levels(string code)
    {
        if (code.Length != 6) yield break;
        yield return code[..2] + "0000";
        if (code[2..] != "0000") yield return code[..4] + "00";
        if (code[4..] != "00") yield return code;
    }
}
