using System.Threading.RateLimiting;

namespace Zhichan.Api.Platform.Security;

/// <summary>
/// Rate limits (ADR 0014). Anonymous callers are limited per IP, signed-in users per account — nobody is unlimited:
/// <list type="bullet">
/// <item><c>login</c>: ZHICHAN_LOGIN_RATE (30) attempts a minute per IP (the account lockout limits guesses per account);</item>
/// <item><c>public</c> (search and other public reads): ZHICHAN_PUBLIC_RATE a minute per IP, ZHICHAN_USER_SEARCH_RATE per user;</item>
/// <item><c>export</c>: ZHICHAN_PUBLIC_EXPORT_RATE an hour per IP (anonymous exports also have a small row cap), ZHICHAN_USER_EXPORT_RATE a minute per user;</item>
/// <item>every write (POST, PUT, PATCH, DELETE) of a signed-in user: ZHICHAN_USER_WRITE_RATE a minute per user (the global limiter).</item>
/// </list>
/// A refused request gets 429 with a Chinese problem and <c>Retry-After</c>.
/// </summary>
public static class RateLimits
{
    public const string Login = "login", Public = "public", Export = "export";

    public static void AddZhichanRateLimits(this IServiceCollection services, ZhichanOptions options)
    {
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = async (ctx, ct) =>
            {
                ctx.HttpContext.Response.StatusCode = 429;
                if (ctx.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retry))
                    ctx.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(retry.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
                await ctx.HttpContext.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = ctx.HttpContext,
                    ProblemDetails = { Status = 429, Title = "请求过于频繁", Detail = "请求过于频繁，请稍后再试" },
                });
            };
            o.AddPolicy(Login, ctx => Window("login:" + Ip(ctx), options.LoginRatePerMinute, TimeSpan.FromMinutes(1)));
            o.AddPolicy(Public, ctx => UserId(ctx) is { } user
                ? Window("search:u" + user, options.UserSearchRatePerMinute, TimeSpan.FromMinutes(1))
                : Window("search:" + Ip(ctx), options.PublicRatePerMinute, TimeSpan.FromMinutes(1)));
            o.AddPolicy(Export, ctx => UserId(ctx) is { } user
                ? Window("export:u" + user, options.UserExportRatePerMinute, TimeSpan.FromMinutes(1))
                : Window("export:" + Ip(ctx), options.PublicExportRatePerHour, TimeSpan.FromHours(1)));
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(ctx =>
                UserId(ctx) is { } user && !(HttpMethods.IsGet(ctx.Request.Method) || HttpMethods.IsHead(ctx.Request.Method) || HttpMethods.IsOptions(ctx.Request.Method))
                    ? Window("write:u" + user, options.UserWriteRatePerMinute, TimeSpan.FromMinutes(1))
                    : RateLimitPartition.GetNoLimiter("none"));
        });
    }

    private static RateLimitPartition<string> Window(string key, int permits, TimeSpan window) =>
        RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = window });

    private static string Ip(HttpContext ctx) => ctx.Connection.RemoteIpAddress?.ToString() ?? "?";

    private static string? UserId(HttpContext ctx) =>
        ctx.User.Identity?.IsAuthenticated == true ? ctx.User.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value : null;
}
