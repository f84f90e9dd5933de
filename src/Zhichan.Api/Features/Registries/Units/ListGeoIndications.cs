using static Zhichan.Api.Features.Registries.Units.GeoIndications;

namespace Zhichan.Api.Features.Registries.Units;

/// <summary>The geographical indications, filtered; a district sees those whose protected area lies (partly) in its region.</summary>
public static class ListGeoIndications
{
    public static async Task<Ok<Page<GeoIndicationDto>>> HandleAsync(string? q, string? kind, string? status, string? region, int? page, int? pageSize,
        NpgsqlDataSource db, CurrentUser me, CancellationToken ct)
    {
        var (_, size, offset) = Paging.Of(page, pageSize, 20, 200);
        var (where, args) = Where(new Filter(q, kind, status, region), me);
        args.Add("size", size); args.Add("offset", offset);
        await using var conn = await db.OpenConnectionAsync(ct);
        var total = await conn.ExecuteScalarAsync<long>($"SELECT count(*) FROM geo_indications g WHERE {where}", args);
        var rows = await conn.QueryAsync<Row>($"{Select} WHERE {where} ORDER BY g.registered_on DESC NULLS LAST, g.product, g.id LIMIT @size OFFSET @offset", args);
        return TypedResults.Ok(new Page<GeoIndicationDto>(rows.Select(ToDto).ToList(), total));
    }
}
