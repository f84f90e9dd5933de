using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;

namespace Zhichan.Api.Features.Accounts;

public sealed record ChangePasswordRequest(string? CurrentPassword, string? NewPassword);

/// <summary>
/// Every user changes their own password (current password required, the password rule applies). The change ends every
/// other session of the account; the caller continues in a new session.
/// </summary>
public static class ChangePassword
{
    public static async Task<Ok<SessionResponse>> HandleAsync(ChangePasswordRequest req, HttpContext http, ZhichanDb db, CurrentUser me, SessionStore sessions,
        CancellationToken ct)
    {
        var user = await db.Users.Include(u => u.OrgUnit).SingleAsync(u => u.Id == me.Id, ct);
        var v = new Validation().Required("currentPassword", req.CurrentPassword, "当前密码");
        PasswordPolicy.Check(v, "newPassword", req.NewPassword, user.Role, user.Username);
        v.ThrowIfInvalid();
        var hasher = new PasswordHasher<User>();
        if (hasher.VerifyHashedPassword(user, user.PasswordHash, req.CurrentPassword!) == PasswordVerificationResult.Failed)
            throw new RequestValidationException("currentPassword", "当前密码不正确");
        if (req.NewPassword == req.CurrentPassword) throw new RequestValidationException("newPassword", "新密码不能与当前密码相同");
        user.PasswordHash = hasher.HashPassword(user, req.NewPassword!);
        user.PasswordChangedAt = user.UpdatedAt = DateTimeOffset.UtcNow;
        user.SecurityStamp = Guid.NewGuid();
        AuditLog.Add(db, me, "password_change", "users", user.Id.ToString(), null, new { user.Username });
        await db.SaveChangesAsync(ct);

        var factor = http.User.FindFirst(SessionStore.SecondFactorClaim)?.Value ?? SessionStore.NoSecondFactor;
        var sid = await sessions.CreateAsync(user.Id, factor, me.Ip, http.Request.Headers.UserAgent.ToString(), ct);
        var principal = Login.Principal(user, sid, factor);
        await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, principal, new AuthenticationProperties { IsPersistent = false });
        http.User = principal;
        return TypedResults.Ok(new SessionResponse(Login.ToSession(user, factor), AuthSetup.IssueXsrfToken(http)));
    }
}
