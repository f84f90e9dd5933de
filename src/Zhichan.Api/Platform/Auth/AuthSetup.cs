using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace Zhichan.Api.Platform.Auth;

public static class AuthSetup
{
    public const string XsrfCookie = "XSRF-TOKEN", XsrfHeader = "X-XSRF-TOKEN";

    public static void AddZhichanAuth(this IServiceCollection services)
    {
        services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).AddCookie(o =>
        {
            o.Cookie.Name = "zhichan.auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            // the cookie may live as long as a session can; the session row decides (idle and absolute limits, revocation: ADR 0013)
            o.ExpireTimeSpan = TimeSpan.FromHours(24);
            o.SlidingExpiration = false;
            o.Events.OnValidatePrincipal = SessionStore.ValidateAsync;
            // an API answers 401/403 with problem details instead of redirecting to a login page
            o.Events.OnRedirectToLogin = ctx => WriteProblem(ctx.HttpContext, 401, "未登录或登录已过期，请重新登录");
            o.Events.OnRedirectToAccessDenied = ctx => WriteProblem(ctx.HttpContext, 403, "当前角色无权访问该功能");
        });
        Policies.Add(services.AddAuthorizationBuilder());
        services.AddAntiforgery(o =>
        {
            o.HeaderName = XsrfHeader;
            o.Cookie.Name = "zhichan.af";
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });
        if (!Database.DatabaseSetup.IsBuildTimeDocumentGeneration) DbXmlRepository.Add(services);
        services.AddSingleton<SessionStore>();
        services.AddSingleton<SecondFactor>();
        services.AddHttpContextAccessor();
        services.AddScoped(sp => CurrentUser.From(sp.GetRequiredService<IHttpContextAccessor>().HttpContext));
    }

    private static Task WriteProblem(HttpContext ctx, int status, string detail)
    {
        ctx.Response.StatusCode = status;
        return ctx.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = ctx,
            ProblemDetails = { Status = status, Title = status == 401 ? "未登录" : "禁止访问", Detail = detail },
        }).AsTask();
    }

    /// <summary>Issues a fresh antiforgery token pair for the signed-in user; the request token is also put in a JS-readable cookie.</summary>
    public static string IssueXsrfToken(HttpContext ctx)
    {
        var tokens = ctx.RequestServices.GetRequiredService<IAntiforgery>().GetAndStoreTokens(ctx);
        ctx.Response.Cookies.Append(XsrfCookie, tokens.RequestToken!,
            new CookieOptions { HttpOnly = false, SameSite = SameSiteMode.Strict, Path = "/", Secure = ctx.Request.IsHttps });
        return tokens.RequestToken!;
    }

    /// <summary>
    /// Cookie-authenticated writes must carry the antiforgery header. Anonymous writes (login, public complaint form) and
    /// API-key calls carry no cookie session, so there is nothing to forge.
    /// </summary>
    public static IApplicationBuilder UseAntiforgeryForCookieWrites(this IApplicationBuilder app) => app.Use(async (ctx, next) =>
    {
        var m = ctx.Request.Method;
        if (ctx.User.Identity?.IsAuthenticated == true && ctx.Request.Path.StartsWithSegments("/api")
            && !(HttpMethods.IsGet(m) || HttpMethods.IsHead(m) || HttpMethods.IsOptions(m))
            && ctx.GetEndpoint()?.Metadata.GetMetadata<SkipAntiforgery>() is null)
        {
            try
            {
                await ctx.RequestServices.GetRequiredService<IAntiforgery>().ValidateRequestAsync(ctx);
            }
            catch (AntiforgeryValidationException)
            {
                await WriteProblem400(ctx);
                return;
            }
        }
        await next();
    });

    /// <summary>
    /// A government account that must enrol a second factor (ZHICHAN_STAFF_TOTP=required) and has not yet done so may only
    /// use the account endpoints (/api/auth/…) until it has.
    /// </summary>
    public static IApplicationBuilder UseSecondFactorGate(this IApplicationBuilder app) => app.Use(async (ctx, next) =>
    {
        if (ctx.User.FindFirst(SessionStore.SecondFactorClaim)?.Value == SessionStore.EnrolmentRequired
            && ctx.Request.Path.StartsWithSegments("/api") && !ctx.Request.Path.StartsWithSegments("/api/auth"))
        {
            await WriteProblem(ctx, 403, "本账户须先启用双因素认证（动态验证码）后才能使用平台功能，请在“账户安全”中完成设置");
            return;
        }
        await next();
    });

    private static Task WriteProblem400(HttpContext ctx)
    {
        ctx.Response.StatusCode = 400;
        return ctx.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = ctx,
            ProblemDetails = { Status = 400, Title = "防伪令牌无效", Detail = $"请求缺少有效的防伪令牌（{XsrfHeader}），请刷新页面后重试" },
        }).AsTask();
    }
}

/// <summary>Endpoint metadata: no antiforgery check (login, logout).</summary>
public sealed class SkipAntiforgery;
