using Zhichan.Api.Platform.Jobs;
using static Zhichan.Api.Features.Indicators.IndicatorValues;

namespace Zhichan.Api.Features.Indicators;

/// <summary>The indicator catalogue: every current definition with its counting rule.</summary>
public static class ListIndicators
{
    public static async Task<Ok<List<IndicatorDto>>> HandleAsync(NpgsqlDataSource db, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        return TypedResults.Ok((await IndicatorCatalogue.CurrentAsync(conn)).Select(ToDto).ToList());
    }
}
