using Zhichan.Api.Platform.Jobs;

namespace Zhichan.Api.Features.Indicators;

public sealed record PopulationRowDto(string RegionCode, string? RegionName, int Year, long Population, string Basis, string Source);

/// <summary>
/// The population figures behind per-capita indicators (ref_population, loaded from reference/population.csv): listed with
/// their basis and source, and corrected or added by the bureau; a change queues a recomputation so the per-10k values follow.
/// </summary>
public static class ListPopulation
{
    public static async Task<Ok<List<PopulationRowDto>>> HandleAsync(string? region, NpgsqlDataSource db, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        var rows = await conn.QueryAsync<PopulationRowDto>("""
            SELECT p.region_code, r.name AS region_name, p.year, p.population, p.basis, p.source
            FROM ref_population p LEFT JOIN ref_regions r ON r.code = p.region_code
            WHERE @region::text IS NULL OR p.region_code = @region OR r.parent_code = @region
            ORDER BY p.region_code, p.year
            """, new { region });
        return TypedResults.Ok(rows.ToList());
    }
}
