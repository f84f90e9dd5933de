namespace Zhichan.Api.Platform.Security;

/// <summary>
/// Response headers of every answer — HTML, API and downloads (ADR 0014, ASVS 14.4): a content security policy that admits
/// only the app's own scripts (Element Plus sets inline styles, so styles may be inline), no MIME sniffing, no framing, a
/// referrer policy, and <c>Cache-Control: no-store</c> on API answers unless the endpoint set its own caching (personal data
/// must not stay in shared or browser caches). HSTS is sent on HTTPS only. Kestrel's <c>Server</c> header is switched off
/// in Program.cs.
/// </summary>
public static class SecurityHeaders
{
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; " +
        "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use(async (ctx, next) =>
    {
        ctx.Response.OnStarting(() =>
        {
            var h = ctx.Response.Headers;
            h.ContentSecurityPolicy = ContentSecurityPolicy;
            h.XContentTypeOptions = "nosniff";
            h.XFrameOptions = "DENY";
            h["Referrer-Policy"] = "strict-origin-when-cross-origin";
            h["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=()";
            h["Cross-Origin-Opener-Policy"] = "same-origin";
            if (ctx.Request.IsHttps) h.StrictTransportSecurity = "max-age=31536000; includeSubDomains";
            if (ctx.Request.Path.StartsWithSegments("/api") && !h.ContainsKey("Cache-Control")) h.CacheControl = "no-store";
            h.Remove("Server");
            h.Remove("X-Powered-By");
            return Task.CompletedTask;
        });
        await next();
    });
}
