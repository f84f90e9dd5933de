using Microsoft.Extensions.DependencyInjection;
namespace Zhichan.Api.Features.Portal.Site;

/// <summary>One region's public series of the statistics page.</summary>
public sealed record PortalRegionSeriesDto(string RegionCode, string RegionName, IReadOnlyList<PortalPointDto> Points);

/// <summary>One indicator of the statistics page: the jurisdiction's series and each district's.</summary>
public sealed record PortalStatisticDto(string Code, string Name, string Unit, string? DataNote, IReadOnlyList<PortalRegionSeriesDto> Regions);

public sealed record PortalStatisticsDto(string? RegionCode, string JurisdictionName, int? LatestRecordYear, IReadOnlyList<PortalStatisticDto> Indicators);

/// <summary>
/// 门户 · 统计数据 (anonymous): the public values (computed or accepted) of the key indicators by year, for the jurisdiction and
/// each of its districts, with the data note of each indicator.
/// </summary>
public static class GetPortalStatistics
{
    public static readonly string[] Codes = ["invention_applications", "invention_grants", "valid_invention_stock", "invention_per_10k", "pct_applications"];

    public static async Task<Ok<PortalStatisticsDto>> HandleAsync([FromKeyedServices(DataSources.Read)] NpgsqlDataSource db, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        var region = await conn.ExecuteScalarAsync<string?>("SELECT region_code FROM org_units WHERE kind = 'bureau' AND region_code IS NOT NULL ORDER BY id LIMIT 1");
        if (region is null) return TypedResults.Ok(new PortalStatisticsDto(null, "本辖区", null, []));
        var name = await conn.ExecuteScalarAsync<string?>("SELECT name FROM ref_regions WHERE code = @region", new { region }) ?? region;
        var regions = new List<(string Code, string Name)> { (region, name) };
        regions.AddRange(await conn.QueryAsync<(string, string)>("SELECT code, name FROM ref_regions WHERE parent_code = @region ORDER BY code", new { region }));
        var latestYear = await conn.ExecuteScalarAsync<int?>("SELECT extract(year FROM max(application_date))::int FROM records");
        var stats = await PortalFigures.SeriesAsync(conn, Codes, regions);
        return TypedResults.Ok(new PortalStatisticsDto(region, name, latestYear, stats));
    }
}
