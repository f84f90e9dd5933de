using Zhichan.Api.Features.Indicators;
using Zhichan.Api.Platform.Security;

namespace Zhichan.Api.Features.Registries.Talent;

/// <summary>
/// 知识产权人才数 (catalogue <c>ip_talent</c>) and 企业知识产权总监人数 (<c>ip_directors</c>, the 知识产权总监 only), ADR 0027:
/// the people in the talent registry at each year's end — qualified on or before 31 December (the day of entry when the date is
/// unknown) and not left by then — by the region of their unit, each counted once at its county, city and province. Rows marked
/// 示例 are demo data and never counted. The rows behind a value are the people, names masked.
/// </summary>
public sealed class TalentCountIndicator(string code, string? category) : IModuleIndicator
{
    public const string AllCode = "ip_talent", DirectorsCode = "ip_directors";

    /// <summary>Every code this class computes: a talent write refreshes them all.</summary>
    public static readonly string[] Codes = [AllCode, DirectorsCode];

    public string Code => code;

    private const string Facts = """
        SELECT id, name, category, unit_name, region_code, qualification,
               coalesce(qualified_on, (created_at AT TIME ZONE 'Asia/Shanghai')::date)::timestamp AS since, left_on::timestamp AS left_on
        FROM talents WHERE NOT is_example AND (@category::text IS NULL OR category = @category)
        """;

    public async Task<IReadOnlyList<ModuleIndicatorValue>> ComputeAsync(NpgsqlConnection conn, CancellationToken ct)
    {
        var facts = (await conn.QueryAsync<(long Id, string RegionCode, DateTime Since, DateTime? LeftOn)>(new CommandDefinition(
            $"SELECT id, region_code, since, left_on FROM ({Facts}) f", new { category }, cancellationToken: ct))).ToList();
        if (facts.Count == 0) return [];
        var thisYear = ChinaTime.Today(TimeProvider.System).Year;
        var values = new List<ModuleIndicatorValue>();
        for (var year = facts.Min(f => f.Since.Year); year <= thisYear; year++)
        {
            var end = new DateTime(year, 12, 31);
            var counts = new Dictionary<string, int>();
            foreach (var f in facts.Where(f => f.Since <= end && (f.LeftOn is null || f.LeftOn > end)))
                foreach (var level in Levels(f.RegionCode))
                    counts[level] = counts.GetValueOrDefault(level) + 1;
            values.AddRange(counts.Select(c => new ModuleIndicatorValue(c.Key, year, c.Value, year == thisYear ? "本年度为截至年末仍在册（未离职）的人数，按登记的离职日期计" : null)));
        }
        return values;
    }

    public async Task<ModuleIndicatorRows> RowsAsync(NpgsqlConnection conn, string regionCode, int year, int offset, int limit, CancellationToken ct)
    {
        var prefix = CurrentUser.SignificantPrefix(regionCode);
        var end = new DateTime(year, 12, 31);
        var where = "WHERE region_code LIKE @prefix || '%' AND since <= @end AND (left_on IS NULL OR left_on > @end)";
        var args = new { category, prefix, end, offset, limit };
        var total = await conn.ExecuteScalarAsync<long>(new CommandDefinition($"SELECT count(*) FROM ({Facts}) f {where}", args, cancellationToken: ct));
        var rows = await conn.QueryAsync<(long Id, string Name, string Category, string UnitName, string? Qualification, DateTime Since)>(new CommandDefinition(
            $"SELECT id, name, category, unit_name, qualification, since FROM ({Facts}) f {where} ORDER BY unit_name, name, id OFFSET @offset LIMIT @limit",
            args, cancellationToken: ct));
        return new ModuleIndicatorRows(total, rows.Select(r => new ModuleIndicatorRow(TalentCategories.Labels.GetValueOrDefault(r.Category, "人才"), r.Id,
            $"{Masking.MaskName(r.Name, Masking.LooksLikePersonName(r.Name))}（{r.UnitName}）", r.Qualification, DateOnly.FromDateTime(r.Since),
            "/registries/talent")).ToList());
    }

    private static IEnumerable<string> Levels(string code)
    {
        if (code.Length != 6) yield break;
        yield return code[..2] + "0000";
        if (code[2..] != "0000") yield return code[..4] + "00";
        if (code[4..] != "00") yield return code;
    }
}
