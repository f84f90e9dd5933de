namespace Zhichan.Api.Features.Portal.Open;

/// <summary>The partners' keys (admin): newest first, with today's request count; contacts masked, secrets never.</summary>
public static class ListApiKeys
{
    public static async Task<Ok<List<ApiKeyDto>>> HandleAsync(ZhichanDb db, NpgsqlDataSource data, TimeProvider clock, CancellationToken ct)
    {
        var today = ChinaTime.Today(clock);
        var keys = await db.Set<ApiKey>().AsNoTracking().OrderByDescending(k => k.Id).ToListAsync(ct);
        await using var conn = await data.OpenConnectionAsync(ct);
        var counts = (await conn.QueryAsync<(long KeyId, long Requests)>("SELECT key_id, requests::bigint FROM api_key_usage WHERE day = @today", new { today }))
            .ToDictionary(x => x.KeyId, x => x.Requests);
        return TypedResults.Ok(keys.Select(k => ApiKeyViews.Dto(k, today, counts.GetValueOrDefault(k.Id))).ToList());
    }
}
