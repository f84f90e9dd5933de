using static Zhichan.Api.Features.Registries.Units.PilotUnits;

namespace Zhichan.Api.Features.Registries.Units;

/// <summary>The pilot and demonstration units, filtered; a district sees its own region's.</summary>
public static class ListPilotUnits
{
    public static async Task<Ok<Page<PilotUnitDto>>> HandleAsync(string? q, string? kind, string? level, string? status, string? region, int? page, int? pageSize,
        NpgsqlDataSource db, CurrentUser me, CancellationToken ct)
    {
        var (_, size, offset) = Paging.Of(page, pageSize, 20, 200);
        var (where, args) = Where(new Filter(q, kind, level, status, region), me);
        args.Add("size", size); args.Add("offset", offset);
        await using var conn = await db.OpenConnectionAsync(ct);
        var total = await conn.ExecuteScalarAsync<long>($"SELECT count(*) FROM pilot_units u WHERE {where}", args);
        var rows = await conn.QueryAsync<Row>($"{Select} WHERE {where} ORDER BY u.region_code, u.kind, u.name, u.id LIMIT @size OFFSET @offset", args);
        return TypedResults.Ok(new Page<PilotUnitDto>(rows.Select(ToDto).ToList(), total));
    }
}
