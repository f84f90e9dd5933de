using Zhichan.Api.Platform.Jobs;
using static Zhichan.Api.Features.Indicators.IndicatorValues;

namespace Zhichan.Api.Features.Indicators;

public sealed record IndicatorDetailDto(IndicatorDto Current, IReadOnlyList<IndicatorDto> Versions);

/// <summary>One indicator definition and all its versions.</summary>
public static class GetIndicator
{
    public static async Task<Ok<IndicatorDetailDto>> HandleAsync(string code, NpgsqlDataSource db, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        var current = await CurrentAsync(conn, code);
        var versions = await conn.QueryAsync<IndicatorDefinition>("SELECT * FROM indicator_definitions WHERE code = @code ORDER BY version", new { code });
        return TypedResults.Ok(new IndicatorDetailDto(ToDto(current), versions.Select(ToDto).ToList()));
    }
}
