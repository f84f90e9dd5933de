using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Zhichan.Api.Features.Portal.Open;

/// <summary>
/// The API-key authentication scheme of the open endpoints: the key comes as <c>Authorization: Bearer &lt;key&gt;</c> or
/// <c>X-Api-Key</c>, is hashed (SHA-256) and looked up by its hash; a revoked or expired key fails. The open endpoints'
/// policies name this scheme only, so a staff cookie never opens them. Failures and refusals answer Chinese problem details.
/// </summary>
public sealed class ApiKeyAuthentication(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
    NpgsqlDataSource db, TimeProvider clock) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string KeyIdClaim = "api_key_id", ScopeClaim = "scope", QuotaClaim = "api_daily_quota", RateClaim = "api_per_minute";
    public const string HeaderName = "X-Api-Key";
    private const string FailureItem = "zhichan.api_key_failure";

    /// <summary>What every key starts with (so a leaked one is recognisable in logs and by secret scanners).</summary>
    public const string KeyStart = "zc_";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var key = Presented(Request);
        if (key is null) return AuthenticateResult.NoResult();
        await using var cmd = db.CreateCommand("SELECT id, partner, scopes, daily_quota, per_minute, expires_on, revoked_at IS NOT NULL FROM api_keys WHERE secret_hash = $1");
        cmd.Parameters.Add(new NpgsqlParameter { Value = Hash(key) });
        await using var r = await cmd.ExecuteReaderAsync(Context.RequestAborted);
        if (!await r.ReadAsync(Context.RequestAborted)) return Fail("API 密钥无效，请检查密钥是否完整");
        if (r.GetBoolean(6)) return Fail("API 密钥已被撤销，请联系平台管理员重新申请");
        if (r.GetFieldValue<DateOnly>(5) < ChinaTime.Today(clock)) return Fail($"API 密钥已于 {r.GetFieldValue<DateOnly>(5):yyyy-MM-dd} 过期，请联系平台管理员续期或重新申请");
        var claims = new List<Claim>
        {
            new(KeyIdClaim, r.GetInt64(0).ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new(ClaimTypes.Name, "API:" + r.GetString(1)),
            new(QuotaClaim, r.GetInt32(3).ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new(RateClaim, r.GetInt32(4).ToString(System.Globalization.CultureInfo.InvariantCulture)),
        };
        claims.AddRange(r.GetFieldValue<string[]>(2).Select(s => new Claim(ScopeClaim, s)));
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName)), SchemeName));
    }

    private AuthenticateResult Fail(string reason)
    {
        Context.Items[FailureItem] = reason;
        return AuthenticateResult.Fail(reason);
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = "Bearer realm=\"zhichan-open\"";
        var detail = Context.Items[FailureItem] as string ?? $"缺少 API 密钥：请在请求头 Authorization: Bearer <密钥> 或 {HeaderName} 中提供平台管理员发放的密钥";
        return Write(401, "API 密钥无效", detail);
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        var needed = Context.GetEndpoint()?.Metadata.GetOrderedMetadata<Microsoft.AspNetCore.Authorization.IAuthorizeData>()
            .Select(a => a.Policy).FirstOrDefault(p => p?.StartsWith("open:", StringComparison.Ordinal) == true)?["open:".Length..];
        var name = needed is null ? null : ApiScopes.Names.GetValueOrDefault(needed, needed);
        return Write(403, "权限不足", needed is null ? "该 API 密钥无权访问此接口" : $"该 API 密钥未获授权访问“{name}”（权限范围 {needed}），请联系平台管理员");
    }

    private Task Write(int status, string title, string detail)
    {
        Response.StatusCode = status;
        return Context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = Context,
            ProblemDetails = { Status = status, Title = title, Detail = detail },
        }).AsTask();
    }

    /// <summary>The key of the request: the bearer token, else the X-Api-Key header; null when there is none.</summary>
    public static string? Presented(HttpRequest request)
    {
        var auth = request.Headers.Authorization.ToString();
        if (auth.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) && auth.Length > 7) return auth[7..].Trim();
        var header = request.Headers[HeaderName].ToString().Trim();
        return header.Length > 0 ? header : null;
    }

    /// <summary>A new key: 32 bytes of the operating system's CSPRNG, base64url, after <see cref="KeyStart"/>.</summary>
    public static string NewKey() => KeyStart + Base64Url(RandomNumberGenerator.GetBytes(32));

    /// <summary>The short visible part that identifies a key in lists: its start and first 8 random characters.</summary>
    public static string PrefixOf(string key) => key[..(KeyStart.Length + 8)];

    /// <summary>SHA-256 of the whole key (ADR 0055: a fast hash suffices for a 256-bit random secret).</summary>
    public static byte[] Hash(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
