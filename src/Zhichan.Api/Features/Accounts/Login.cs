using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Zhichan.Api.Platform.Audit;
using Zhichan.Api.Platform.Auth;
using Zhichan.Api.Platform.Database;
using Zhichan.Api.Platform.Errors;

namespace Zhichan.Api.Features.Accounts;

public sealed record LoginRequest(string? Username, string? Password);

/// <summary>
/// Cookie login. Five wrong passwords in a row lock the account for 15 minutes; the answer never says whether the
/// user name exists. Every attempt is audited.
/// </summary>
public static class Login
{
    public const int MaxFailures = 5;
    public static readonly TimeSpan LockoutPeriod = TimeSpan.FromMinutes(15);

    public static async Task<Results<Ok<SessionResponse>, ProblemHttpResult>> HandleAsync(
        LoginRequest req, HttpContext http, ZhichanDb db, CurrentUser caller, CancellationToken ct)
    {
        new Validation().Required("username", req.Username, "用户名").Required("password", req.Password, "密码").ThrowIfInvalid();
        var name = req.Username!.Trim().ToLowerInvariant();
        var user = await db.Users.AsNoTracking().Include(u => u.OrgUnit).SingleOrDefaultAsync(u => u.Username.ToLower() == name, ct);
        var now = DateTimeOffset.UtcNow;
        var anon = new CurrentUser { Name = req.Username.Trim(), Ip = caller.Ip, CorrelationId = caller.CorrelationId };

        if (user is null || !user.IsActive)
        {
            await AuditAsync(db, anon, "login_failed", user?.Id, new { reason = user is null ? "unknown user" : "inactive" }, ct);
            return Unauthorized();
        }
        if (user.LockedUntil is { } until && until > now)
        {
            await AuditAsync(db, anon, "login_refused_locked", user.Id, new { lockedUntil = until }, ct);
            return TypedResults.Problem(statusCode: 423, title: "账户已锁定",
                detail: $"连续 {MaxFailures} 次密码错误，账户已锁定至 {until.ToOffset(TimeSpan.FromHours(8)):yyyy-MM-dd HH:mm}（北京时间），请稍后再试或联系管理员解锁");
        }

        var hasher = new PasswordHasher<User>();
        var verdict = hasher.VerifyHashedPassword(user, user.PasswordHash, req.Password!);
        if (verdict == PasswordVerificationResult.Failed)
        {
            // counted in SQL so concurrent attempts cannot under-count
            var failures = (await db.Database.SqlQuery<int>($"""
                UPDATE users SET failed_logins = failed_logins + 1,
                       locked_until = CASE WHEN failed_logins + 1 >= {MaxFailures} THEN {now + LockoutPeriod} ELSE locked_until END
                WHERE id = {user.Id} RETURNING failed_logins AS "Value"
                """).ToListAsync(ct)).Single();
            await AuditAsync(db, anon, failures >= MaxFailures ? "locked" : "login_failed", user.Id, new { failedLogins = failures }, ct);
            return Unauthorized();
        }

        if (verdict == PasswordVerificationResult.SuccessRehashNeeded) user.PasswordHash = hasher.HashPassword(user, req.Password!);
        user.FailedLogins = 0;
        user.LockedUntil = null;
        user.LastLoginAt = now;
        await db.Database.ExecuteSqlAsync($"UPDATE users SET failed_logins = 0, locked_until = NULL, last_login_at = {now}, password_hash = {user.PasswordHash} WHERE id = {user.Id}", ct);

        var principal = Principal(user);
        await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, principal,
            new AuthenticationProperties { IsPersistent = false });
        http.User = principal; // so the antiforgery token is bound to this user
        var self = CurrentUser.From(http);
        await AuditAsync(db, self, "login", user.Id, null, ct);
        return TypedResults.Ok(new SessionResponse(ToSession(user), AuthSetup.IssueXsrfToken(http)));
    }

    private static ProblemHttpResult Unauthorized() =>
        TypedResults.Problem(statusCode: 401, title: "登录失败", detail: "用户名或密码错误");

    private static async Task AuditAsync(ZhichanDb db, CurrentUser actor, string action, long? userId, object? after, CancellationToken ct)
    {
        db.AuditLog.Add(new AuditEntry
        {
            ActorId = actor.Id, ActorName = actor.Name, Action = action, Entity = "users", EntityId = userId?.ToString(),
            After = after is null ? null : System.Text.Json.JsonSerializer.SerializeToDocument(after), Ip = actor.Ip, CorrelationId = actor.CorrelationId,
        });
        await db.SaveChangesAsync(ct);
    }

    public static ClaimsPrincipal Principal(User u) => new(new ClaimsIdentity(
    [
        new Claim(ClaimTypes.NameIdentifier, u.Id.ToString()),
        new Claim(ClaimTypes.Name, u.Username),
        new Claim(ClaimTypes.Role, u.Role),
        new Claim(CurrentUser.OrgClaim, u.OrgUnitId?.ToString() ?? ""),
        new Claim(CurrentUser.OrgNameClaim, u.OrgUnit?.Name ?? ""),
        new Claim(CurrentUser.RegionClaim, u.OrgUnit?.RegionCode ?? ""),
    ], CookieAuthenticationDefaults.AuthenticationScheme));

    public static SessionUser ToSession(User u) =>
        new(u.Id, u.Username, u.DisplayName, u.Role, Roles.Names.GetValueOrDefault(u.Role, u.Role), u.OrgUnitId, u.OrgUnit?.Name, u.OrgUnit?.RegionCode);
}
