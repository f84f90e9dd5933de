using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace Zhichan.Api.Features.Accounts;

/// <summary>Ends the caller's session on the server (the cookie stops working everywhere it was copied to) and clears the cookies.</summary>
public static class Logout
{
    public static async Task<NoContent> HandleAsync(HttpContext http, CurrentUser me, NpgsqlDataSource db, SessionStore sessions, CancellationToken ct)
    {
        if (me.IsAuthenticated)
        {
            if (SessionStore.IdOf(http.User) is { } sid) await sessions.RevokeAsync(sid, "logout", ct);
            await AuditLog.WriteAsync(db, me, "logout", "users", me.Id.ToString(), null, null, ct);
        }
        await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        http.Response.Cookies.Delete(AuthSetup.XsrfCookie);
        return TypedResults.NoContent();
    }
}
