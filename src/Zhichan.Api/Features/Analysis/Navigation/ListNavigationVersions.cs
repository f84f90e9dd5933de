using static Zhichan.Api.Features.Analysis.Navigation.NavigationQueries;

namespace Zhichan.Api.Features.Analysis.Navigation;

/// <summary>The published versions of a project the caller sees, latest first.</summary>
public static class ListNavigationVersions
{
    public static async Task<Ok<List<NavigationVersionDto>>> HandleAsync(long id, ZhichanDb db, NpgsqlDataSource data, CurrentUser me, CancellationToken ct)
    {
        await FindAsync(db, me, id, ct);
        await using var conn = await data.OpenConnectionAsync(ct);
        var rows = await conn.QueryAsync<(long Id, int Number, string By, DateTime At, long Total, DateTime? DataDate, DateTime? PublicAt)>(new CommandDefinition("""
            SELECT id, number, published_by, published_at, (snapshot #>> '{data,total}')::bigint, (snapshot #>> '{data,dataDate}')::timestamptz, public_at
            FROM navigation_versions WHERE project_id = @id ORDER BY number DESC
            """, new { id }, cancellationToken: ct));
        return TypedResults.Ok(rows.Select(r => new NavigationVersionDto(r.Id, r.Number, r.By, new DateTimeOffset(r.At, TimeSpan.Zero), r.Total,
            r.DataDate is { } d ? new DateTimeOffset(d, TimeSpan.Zero) : null,
            r.PublicAt is { } pa ? new DateTimeOffset(pa, TimeSpan.Zero) : null)).ToList());
    }
}
