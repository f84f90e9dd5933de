using Zhichan.Api.Platform.Jobs;
using static Zhichan.Api.Features.Indicators.CustomUnits;

namespace Zhichan.Api.Features.Indicators;

/// <summary>The custom assessment units a caller may see (a district user: the units inside its region).</summary>
public static class ListCustomUnits
{
    public static async Task<Ok<List<CustomUnitDto>>> HandleAsync(NpgsqlDataSource db, CurrentUser me, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        var all = await QueryAsync(conn, null);
        return TypedResults.Ok(all.Where(u => VisibleTo(new CustomUnitMembers(u.Id, u.Code, u.Name, u.Members.Select(m => m.Code).ToArray()), me)).ToList());
    }

}
