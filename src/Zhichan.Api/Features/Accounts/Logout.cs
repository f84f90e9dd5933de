using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;
using Zhichan.Api.Platform.Audit;
using Zhichan.Api.Platform.Auth;

namespace Zhichan.Api.Features.Accounts;

public static class Logout
{
    public static async Task<NoContent> HandleAsync(HttpContext http, CurrentUser me, NpgsqlDataSource db, CancellationToken ct)
    {
        if (me.IsAuthenticated) await AuditLog.WriteAsync(db, me, "logout", "users", me.Id.ToString(), null, null, ct);
        await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        http.Response.Cookies.Delete(AuthSetup.XsrfCookie);
        return TypedResults.NoContent();
    }
}
