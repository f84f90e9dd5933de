namespace Zhichan.Api.Features.Transactions.Pledges;

/// <summary>The valuations the caller may see (agency its own, enterprise its own, bank those its pledges use, bureau all), by text, method and year.</summary>
public static class ListValuations
{
    public static async Task<Ok<Page<ValuationRow>>> HandleAsync(string? q, string? method, long? entityId, int? year, int? page, int? pageSize,
        NpgsqlDataSource db, CurrentUser me, CancellationToken ct)
    {
        ValuationQueries.EnsureReader(me);
        var (_, size, offset) = Paging.Of(page, pageSize, 20, 200);
        var v = new Validation();
        v.MaxLength("q", q, 100, "关键词").OneOf("method", method, ValuationMethods.Labels.Keys, "评估方法");
        v.ThrowIfInvalid();
        var where = PledgeAccess.ValuationFilter(me);
        var args = PledgeQueries.Merge(me, new { q = q?.Trim(), method, entityId, year, offset, size });
        if (!string.IsNullOrWhiteSpace(q)) where += " AND (e.name LIKE '%' || @q || '%' OR a.name LIKE '%' || @q || '%' OR v.rights::text LIKE '%' || @q || '%')";
        if (method is not null) where += " AND v.method = @method";
        if (entityId is not null) where += " AND v.entity_id = @entityId";
        if (year is not null) where += " AND extract(year FROM v.valued_on) = @year";
        await using var conn = await db.OpenConnectionAsync(ct);
        var total = await conn.ExecuteScalarAsync<long>(new CommandDefinition(
            $"SELECT count(*) FROM pledge_valuations v JOIN agencies a ON a.id = v.agency_id JOIN entities e ON e.id = v.entity_id WHERE {where}", args, cancellationToken: ct));
        var rows = await conn.QueryAsync<ValuationQueries.Data>(new CommandDefinition(
            $"{ValuationQueries.Select} WHERE {where} ORDER BY v.is_example, v.valued_on DESC, v.id DESC OFFSET @offset LIMIT @size", args, cancellationToken: ct));
        return TypedResults.Ok(new Page<ValuationRow>(rows.Select(r => r.ToRow()).ToList(), total));
    }
}
