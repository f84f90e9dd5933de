using Microsoft.Extensions.DependencyInjection;
using Zhichan.Api.Features.Indicators;

namespace Zhichan.Api.Features.Portal.Open;

/// <summary>
/// An indicator's values by region and year (the jurisdiction and the regions under it, or the regions asked for), as the
/// indicator module computes them: only values computed by the data centre or reported and accepted, without review notes
/// or pending corrections (internal work).
/// </summary>
public static class ListOpenIndicatorValues
{
    public static readonly string[] PublicStatuses = ["computed", "partial", "accepted"];

    public static async Task<Ok<IndicatorValuesDto>> HandleAsync(string code, string? region, string? parent, int? year, int? page, int? pageSize,
        [FromKeyedServices(DataSources.Read)] NpgsqlDataSource db, IEnumerable<IModuleIndicator> modules, CancellationToken ct)
    {
        var values = (await GetIndicatorValues.HandleAsync(code, region, parent, year, null, false, null, page, pageSize, db, modules, CurrentUser.System, ct)).Value!;
        return TypedResults.Ok(values with
        {
            Values = values.Values.Where(v => PublicStatuses.Contains(v.Status))
                .Select(v => v with { ReviewComment = null, PendingCorrection = null }).ToList(),
        });
    }
}
