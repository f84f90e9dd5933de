using System.Text.Json;

namespace Zhichan.Api.Features.Portal.Open;

/// <param name="Operations">Accepted requests by operation id.</param>
public sealed record ApiKeyUsageDay(DateOnly Day, int Requests, int Rejected, IReadOnlyDictionary<string, int> Operations);

public sealed record ApiKeyUsageDto(long KeyId, string Prefix, string Partner, DateOnly From, DateOnly To, int DailyQuota, IReadOnlyList<ApiKeyUsageDay> Days);

/// <summary>A key's usage per China day (admin): accepted requests, rejected ones (over the quota or the rate), by operation; days without use are zeros.</summary>
public static class GetApiKeyUsage
{
    public static async Task<Ok<ApiKeyUsageDto>> HandleAsync(long id, int? days, ZhichanDb db, NpgsqlDataSource data, TimeProvider clock, CancellationToken ct)
    {
        if (days is < 1 or > 366) throw new RequestValidationException("days", "天数应在 1 至 366 之间");
        var key = await db.Set<ApiKey>().AsNoTracking().SingleOrDefaultAsync(k => k.Id == id, ct) ?? throw new DomainException("API 密钥不存在", 404);
        var to = ChinaTime.Today(clock);
        var from = to.AddDays(1 - (days ?? 30));
        await using var conn = await data.OpenConnectionAsync(ct);
        var rows = (await conn.QueryAsync<UsageRow>(
                "SELECT day, requests, rejected, operations::text AS operations FROM api_key_usage WHERE key_id = @id AND day BETWEEN @from AND @to", new { id, from, to }))
            .ToDictionary(r => r.Day);
        var list = new List<ApiKeyUsageDay>();
        for (var d = from; d <= to; d = d.AddDays(1))
            list.Add(rows.TryGetValue(d, out var r)
                ? new ApiKeyUsageDay(d, r.Requests, r.Rejected, JsonSerializer.Deserialize<Dictionary<string, int>>(r.Operations)!)
                : new ApiKeyUsageDay(d, 0, 0, new Dictionary<string, int>()));
        return TypedResults.Ok(new ApiKeyUsageDto(key.Id, key.Prefix, key.Partner, from, to, key.DailyQuota, list));
    }

    private sealed class UsageRow
    {
        public DateOnly Day { get; set; }
        public int Requests { get; set; }
        public int Rejected { get; set; }
        public string Operations { get; set; } = "{}";
    }
}
