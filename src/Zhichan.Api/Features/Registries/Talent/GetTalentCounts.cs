using Zhichan.Api.Features.Records;
using Zhichan.Api.Features.Registries.Experts;

namespace Zhichan.Api.Features.Registries.Talent;

/// <summary>
/// The talent counted on a day (default today), by region and by unit, per category: the people qualified by then and not left.
/// Regions are the registered county (or city) codes; a unit is its name (and org unit when linked).
/// </summary>
public static class GetTalentCounts
{
    public static async Task<Ok<TalentCounts>> HandleAsync(DateOnly? asOf, NpgsqlDataSource db, RecordsReference reference, TimeProvider clock, CancellationToken ct)
    {
        var day = asOf ?? ChinaTime.Today(clock);
        await using var conn = await db.OpenConnectionAsync(ct);
        var rows = (await conn.QueryAsync<(string RegionCode, string UnitName, string Category, int N)>($"""
            SELECT t.region_code, t.unit_name, t.category, count(*)::int FROM talents t WHERE {TalentRules.CurrentSql}
            GROUP BY t.region_code, t.unit_name, t.category
            """, new { asOf = day })).ToList();
        var byRegion = rows.GroupBy(r => r.RegionCode).Select(g => Line(g.Key, RegistryRegions.Label(reference, g.Key) ?? g.Key, null, g.Select(x => (x.Category, x.N))))
            .OrderByDescending(l => l.Total).ThenBy(l => l.Key, StringComparer.Ordinal).ToArray();
        var byUnit = rows.GroupBy(r => (r.UnitName, r.RegionCode))
            .Select(g => Line(g.Key.UnitName + "|" + g.Key.RegionCode, g.Key.UnitName, RegistryRegions.Label(reference, g.Key.RegionCode), g.Select(x => (x.Category, x.N))))
            .OrderByDescending(l => l.Total).ThenBy(l => l.Label, StringComparer.Ordinal).ToArray();
        return TypedResults.Ok(new TalentCounts(day, TalentCategories.Labels.Select(c => new CategoryDto(c.Key, c.Value)).ToArray(), byRegion, byUnit,
            rows.Sum(r => r.N)));
    }

    private static TalentCount Line(string key, string label, string? region, IEnumerable<(string Category, int N)> counts)
    {
        var by = TalentCategories.Labels.Keys.ToDictionary(c => c, _ => 0);
        foreach (var (c, n) in counts) by[c] = by.GetValueOrDefault(c) + n;
        return new TalentCount(key, label, region, by, by.Values.Sum());
    }
}
