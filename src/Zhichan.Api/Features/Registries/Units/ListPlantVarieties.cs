using static Zhichan.Api.Features.Registries.Units.PlantVarieties;

namespace Zhichan.Api.Features.Registries.Units;

/// <summary>The plant variety rights, filtered; a district sees those of holders in its region.</summary>
public static class ListPlantVarieties
{
    public static async Task<Ok<Page<PlantVarietyDto>>> HandleAsync(string? q, string? crop, string? status, string? region, int? page, int? pageSize,
        NpgsqlDataSource db, CurrentUser me, CancellationToken ct)
    {
        var (_, size, offset) = Paging.Of(page, pageSize, 20, 200);
        var conds = new List<string> { "true" };
        var args = new DynamicParameters(new { size, offset });
        if (me.RegionPrefix is { } p) { conds.Add("p.region_code LIKE @prefix"); args.Add("prefix", p + "%"); }
        if (UnitRules.Clean(q) is { } t)
        {
            conds.Add("(p.name ILIKE @q OR p.holder ILIKE @q OR p.right_number ILIKE @q OR p.application_number ILIKE @q)");
            args.Add("q", "%" + t.Replace("%", "\\%").Replace("_", "\\_") + "%");
        }
        if (UnitRules.Clean(crop) is { } c) { conds.Add("p.crop = @crop"); args.Add("crop", c); }
        if (UnitRules.Clean(status) is { } s) { conds.Add("p.status = @status"); args.Add("status", s); }
        if (UnitRules.Clean(region) is { Length: 6 } rg) { conds.Add("p.region_code LIKE @region"); args.Add("region", CurrentUser.SignificantPrefix(rg) + "%"); }
        var where = string.Join(" AND ", conds);
        await using var conn = await db.OpenConnectionAsync(ct);
        var total = await conn.ExecuteScalarAsync<long>($"SELECT count(*) FROM plant_varieties p WHERE {where}", args);
        var rows = await conn.QueryAsync<Row>($"{Select} WHERE {where} ORDER BY p.granted_on DESC NULLS LAST, p.name, p.id LIMIT @size OFFSET @offset", args);
        return TypedResults.Ok(new Page<PlantVarietyDto>(rows.Select(ToDto).ToList(), total));
    }
}
