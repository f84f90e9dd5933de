using System.Globalization;

namespace Zhichan.Api.Features.Portal.Open;

/// <summary>
/// The daily quota and per-minute rate of a key, and its usage statistics, in one row per key and China day
/// (<c>api_key_usage</c>): one UPSERT … RETURNING per request decides and counts atomically, so several app instances on
/// one database share the limits (nothing per process). A refused request counts as rejected and answers 429 with
/// <c>Retry-After</c>: the seconds to the next minute (rate) or to midnight China time (quota). ADR 0055.
/// </summary>
public static class ApiKeyLimits
{
    // the decision on the row as it was before this request: under the quota, and a new minute or under the rate
    private const string Ok = "(u.requests < $5 AND (u.minute < $4 OR u.minute_requests < $6))";

    private static readonly string Upsert = $"""
        INSERT INTO api_key_usage AS u (key_id, day, requests, rejected, operations, minute, minute_requests, last_ok)
        VALUES ($1, $2, 1, 0, jsonb_build_object($3::text, 1), $4, 1, true)
        ON CONFLICT (key_id, day) DO UPDATE SET
            last_ok = {Ok},
            requests = u.requests + CASE WHEN {Ok} THEN 1 ELSE 0 END,
            rejected = u.rejected + CASE WHEN {Ok} THEN 0 ELSE 1 END,
            operations = CASE WHEN {Ok} THEN jsonb_set(u.operations, ARRAY[$3::text], to_jsonb(COALESCE((u.operations ->> $3::text)::int, 0) + 1)) ELSE u.operations END,
            minute_requests = CASE WHEN u.minute < $4 THEN 0 ELSE u.minute_requests END + CASE WHEN {Ok} THEN 1 ELSE 0 END,
            minute = GREATEST(u.minute, $4)
        RETURNING last_ok, requests >= $5
        """;

    /// <summary>The endpoint filter of the open group: after authorization, before the handler.</summary>
    public static async ValueTask<object?> FilterAsync(EndpointFilterInvocationContext c, EndpointFilterDelegate next)
    {
        var ctx = c.HttpContext;
        var user = ctx.User;
        if (user.FindFirst(ApiKeyAuthentication.KeyIdClaim)?.Value is not { } keyText) return await next(c);
        var clock = ctx.RequestServices.GetRequiredService<TimeProvider>();
        var now = clock.GetUtcNow();
        var minute = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, now.Minute, 0, TimeSpan.Zero);
        var operation = ctx.GetEndpoint()?.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName ?? ctx.Request.Path.ToString();
        var quota = int.Parse(user.FindFirst(ApiKeyAuthentication.QuotaClaim)!.Value, CultureInfo.InvariantCulture);
        var rate = int.Parse(user.FindFirst(ApiKeyAuthentication.RateClaim)!.Value, CultureInfo.InvariantCulture);

        bool ok, quotaSpent;
        await using (var cmd = ctx.RequestServices.GetRequiredService<NpgsqlDataSource>().CreateCommand(Upsert))
        {
            cmd.Parameters.Add(new NpgsqlParameter { Value = long.Parse(keyText, CultureInfo.InvariantCulture) });
            cmd.Parameters.Add(new NpgsqlParameter { Value = ChinaTime.Today(clock) });
            cmd.Parameters.Add(new NpgsqlParameter { Value = operation });
            cmd.Parameters.Add(new NpgsqlParameter { Value = minute });
            cmd.Parameters.Add(new NpgsqlParameter { Value = quota });
            cmd.Parameters.Add(new NpgsqlParameter { Value = rate });
            await using var r = await cmd.ExecuteReaderAsync(ctx.RequestAborted);
            await r.ReadAsync(ctx.RequestAborted);
            ok = r.GetBoolean(0);
            quotaSpent = r.GetBoolean(1);
        }
        var metrics = ctx.RequestServices.GetRequiredService<Zhichan.Api.Platform.Observability.ZhichanMetrics>();
        metrics.OpenApiRequest(ok ? "ok" : quotaSpent ? "quota_spent" : "rate_limited");
        if (ok) return await next(c);

        int retry;
        string detail;
        if (quotaSpent)
        {
            var local = ChinaTime.Of(now);
            retry = (int)Math.Ceiling((local.Date.AddDays(1) - local).TotalSeconds);
            detail = $"该 API 密钥今日的调用次数已达上限（{quota} 次），请于北京时间次日 0 时后再试";
        }
        else
        {
            retry = (int)Math.Ceiling((minute.AddMinutes(1) - now).TotalSeconds);
            detail = $"该 API 密钥的调用过于频繁（每分钟最多 {rate} 次），请 {retry} 秒后再试";
        }
        ctx.Response.Headers.RetryAfter = Math.Max(1, retry).ToString(CultureInfo.InvariantCulture);
        return TypedResults.Problem(statusCode: 429, title: "请求过于频繁", detail: detail);
    }
}
