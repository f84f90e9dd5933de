using static Zhichan.Api.Features.Registries.Units.HeritageItems;

namespace Zhichan.Api.Features.Registries.Units;

/// <summary>The 非遗 items, filtered (name, protection unit or inheritor; level, category, region); a district sees its region's.</summary>
public static class ListHeritageItems
{
    public static async Task<Ok<Page<HeritageItemDto>>> HandleAsync(string? q, string? level, string? category, string? region, int? page, int? pageSize,
        NpgsqlDataSource db, CurrentUser me, CancellationToken ct)
    {
        var (_, size, offset) = Paging.Of(page, pageSize, 20, 200);
        var conds = new List<string> { "true" };
        var args = new DynamicParameters(new { size, offset });
        if (me.RegionPrefix is { } p) { conds.Add("h.region_code LIKE @prefix"); args.Add("prefix", p + "%"); }
        if (UnitRules.Clean(q) is { } t)
        {
            conds.Add("(h.name ILIKE @q OR h.protection_unit ILIKE @q OR h.project_number ILIKE @q OR EXISTS (SELECT 1 FROM heritage_inheritors i WHERE i.item_id = h.id AND i.name ILIKE @q))");
            args.Add("q", "%" + t.Replace("%", "\\%").Replace("_", "\\_") + "%");
        }
        if (UnitRules.Clean(level) is { } l) { conds.Add("h.level = @level"); args.Add("level", l); }
        if (UnitRules.Clean(category) is { } c) { conds.Add("h.category = @category"); args.Add("category", c); }
        if (UnitRules.Clean(region) is { Length: 6 } rg) { conds.Add("h.region_code LIKE @region"); args.Add("region", CurrentUser.SignificantPrefix(rg) + "%"); }
        var where = string.Join(" AND ", conds);
        await using var conn = await db.OpenConnectionAsync(ct);
        var total = await conn.ExecuteScalarAsync<long>($"SELECT count(*) FROM heritage_items h WHERE {where}", args);
        var rows = await conn.QueryAsync<Row>($"{Select} WHERE {where} ORDER BY h.level, h.listed_year NULLS LAST, h.name, h.id LIMIT @size OFFSET @offset", args);
        return TypedResults.Ok(new Page<HeritageItemDto>(rows.Select(ToDto).ToList(), total));
    }
}
