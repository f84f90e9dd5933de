using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Zhichan.Api.Platform.Observability;

namespace Zhichan.Api.Features.Accounts;

/// <param name="Code">The second factor, when the account has one: a 6-digit code of the authenticator app or a recovery code.</param>
public sealed record LoginRequest(string? Username, string? Password, string? Code = null);

/// <summary>
/// Cookie login with a server-side session (ADR 0004, 0013). Five wrong passwords in a row lock the account for 15 minutes.
/// Every failure — unknown name, wrong password, inactive or locked account — gets the same answer after the same work (a
/// password hash is always verified), so the answer never tells whether a name exists. With the right password, an account
/// with a second factor answers 401 with <c>secondFactorRequired</c> until the code is sent too. Every attempt is audited.
/// </summary>
public static class Login
{
    public const int MaxFailures = 5;
    public static readonly TimeSpan LockoutPeriod = TimeSpan.FromMinutes(15);

    /// <summary>Verified against when the name is unknown, so that a miss costs what a hit costs.</summary>
    private static readonly Lazy<string> DummyHash = new(() => new PasswordHasher<User>().HashPassword(new User(), Guid.NewGuid().ToString()));

    public static async Task<Results<Ok<SessionResponse>, ProblemHttpResult>> HandleAsync(
        LoginRequest req, HttpContext http, ZhichanDb db, CurrentUser caller, SessionStore sessions, SecondFactor secondFactor, ZhichanOptions options,
        ZhichanMetrics metrics, ILoggerFactory logs, CancellationToken ct)
    {
        new Validation().Required("username", req.Username, "用户名").MaxLength("username", req.Username, 64, "用户名")
            .Required("password", req.Password, "密码").MaxLength("password", req.Password, PasswordPolicy.MaxLength, "密码").ThrowIfInvalid();
        var name = req.Username!.Trim().ToLowerInvariant();
        var user = await db.Users.AsNoTracking().Include(u => u.OrgUnit).SingleOrDefaultAsync(u => u.Username.ToLower() == name, ct);
        var now = DateTimeOffset.UtcNow;
        var anon = new CurrentUser { Name = req.Username.Trim(), Ip = caller.Ip, CorrelationId = caller.CorrelationId };

        // counted for alerting (a burst is password guessing) and logged with the request's trace id; the answer stays the same
        ProblemHttpResult Failed(string reason)
        {
            metrics.LoginFailed(reason);
            logs.CreateLogger("Zhichan.Accounts.Login").LogWarning("Sign-in refused ({Reason}) for {Username} from {Ip}", reason, anon.Name, anon.Ip);
            return Refused();
        }

        var hasher = new PasswordHasher<User>();
        var verdict = hasher.VerifyHashedPassword(user ?? new User(), user?.PasswordHash ?? DummyHash.Value, req.Password!);
        if (user is null || !user.IsActive)
        {
            await AuditAsync(db, anon, "login_failed", user?.Id, new { reason = user is null ? "unknown user" : "inactive" }, ct);
            return Failed(user is null ? "unknown_user" : "inactive");
        }
        if (user.LockedUntil is { } until && until > now)
        {
            await AuditAsync(db, anon, "login_refused_locked", user.Id, new { lockedUntil = until }, ct);
            return Failed("locked");
        }
        if (verdict == PasswordVerificationResult.Failed)
        {
            // counted in SQL so concurrent attempts cannot under-count
            var failures = (await db.Database.SqlQuery<int>($"""
                UPDATE users SET failed_logins = failed_logins + 1,
                       locked_until = CASE WHEN failed_logins + 1 >= {MaxFailures} THEN {now + LockoutPeriod} ELSE locked_until END
                WHERE id = {user.Id} RETURNING failed_logins AS "Value"
                """).ToListAsync(ct)).Single();
            await AuditAsync(db, anon, failures >= MaxFailures ? "locked" : "login_failed", user.Id, new { failedLogins = failures }, ct);
            return Failed("wrong_password");
        }

        var factor = SessionStore.NoSecondFactor;
        if (user.TotpEnabledAt is not null && user.TotpSecret is not null)
        {
            if (string.IsNullOrWhiteSpace(req.Code))
                return TypedResults.Problem(statusCode: 401, title: "需要动态验证码", detail: "请输入身份验证器应用中的 6 位动态验证码（或一个恢复码）",
                    extensions: new Dictionary<string, object?> { ["secondFactorRequired"] = true });
            factor = await CheckSecondFactorAsync(db, secondFactor, user, req.Code, ct);
            if (factor is null)
            {
                await AuditAsync(db, anon, "login_second_factor_failed", user.Id, null, ct);
                metrics.LoginFailed("second_factor");
                return TypedResults.Problem(statusCode: 401, title: "验证码错误", detail: "动态验证码或恢复码不正确（每个验证码只能使用一次）",
                    extensions: new Dictionary<string, object?> { ["secondFactorRequired"] = true });
            }
        }
        else if (options.StaffTotpRequired && Roles.IsGovernment(user.Role)) factor = SessionStore.EnrolmentRequired;

        var newHash = verdict == PasswordVerificationResult.SuccessRehashNeeded ? hasher.HashPassword(user, req.Password!) : user.PasswordHash;
        await db.Database.ExecuteSqlAsync($"UPDATE users SET failed_logins = 0, locked_until = NULL, last_login_at = {now}, password_hash = {newHash} WHERE id = {user.Id}", ct);
        var sessionId = await sessions.CreateAsync(user.Id, factor, caller.Ip, http.Request.Headers.UserAgent.ToString(), ct);
        var principal = Principal(user, sessionId, factor);
        await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, principal, new AuthenticationProperties { IsPersistent = false });
        http.User = principal; // so the antiforgery token is bound to this user
        var self = CurrentUser.From(http);
        await AuditAsync(db, self, "login", user.Id, factor == SessionStore.NoSecondFactor ? null : new { secondFactor = factor }, ct);
        return TypedResults.Ok(new SessionResponse(ToSession(user, factor), AuthSetup.IssueXsrfToken(http)));
    }

    /// <summary>The same answer for every failure (ASVS 2.2.1 / 3.x: no account enumeration).</summary>
    private static ProblemHttpResult Refused() =>
        TypedResults.Problem(statusCode: 401, title: "登录失败", detail: $"用户名或密码错误；连续 {MaxFailures} 次错误的账户将被锁定 {LockoutPeriod.TotalMinutes:0} 分钟");

    /// <summary>A TOTP code (each time step accepted once) or an unused recovery code; the kind accepted, or null.</summary>
    private static async Task<string?> CheckSecondFactorAsync(ZhichanDb db, SecondFactor secondFactor, User user, string code, CancellationToken ct)
    {
        if (secondFactor.Verify(user.TotpSecret!, code) is { } step)
        {
            // a code counts once: the update only succeeds for a later time step than the last one accepted
            var accepted = await db.Database.ExecuteSqlAsync(
                $"UPDATE users SET totp_last_step = {step} WHERE id = {user.Id} AND (totp_last_step IS NULL OR totp_last_step < {step})", ct);
            return accepted == 1 ? SessionStore.Totp : null;
        }
        var hash = SecondFactor.HashRecoveryCode(code);
        var used = await db.Database.ExecuteSqlAsync(
            $"UPDATE user_recovery_codes SET used_at = now() WHERE user_id = {user.Id} AND code_hash = {hash} AND used_at IS NULL", ct);
        return used == 1 ? SessionStore.Recovery : null;
    }

    internal static async Task AuditAsync(ZhichanDb db, CurrentUser actor, string action, long? userId, object? after, CancellationToken ct)
    {
        AuditLog.Add(db, actor, action, "users", userId?.ToString(), null, after);
        await db.SaveChangesAsync(ct);
    }

    public static ClaimsPrincipal Principal(User u, Guid sessionId, string secondFactor) => new(new ClaimsIdentity(
    [
        new Claim(ClaimTypes.NameIdentifier, u.Id.ToString()),
        new Claim(ClaimTypes.Name, u.Username),
        new Claim(ClaimTypes.Role, u.Role),
        new Claim(CurrentUser.OrgClaim, u.OrgUnitId?.ToString() ?? ""),
        new Claim(CurrentUser.OrgNameClaim, u.OrgUnit?.Name ?? ""),
        new Claim(CurrentUser.RegionClaim, u.OrgUnit?.RegionCode ?? ""),
        new Claim(SessionStore.SessionClaim, sessionId.ToString()),
        new Claim(SessionStore.SecondFactorClaim, secondFactor),
    ], CookieAuthenticationDefaults.AuthenticationScheme));

    public static SessionUser ToSession(User u, string secondFactor) =>
        new(u.Id, u.Username, u.DisplayName, u.Role, Roles.Names.GetValueOrDefault(u.Role, u.Role), u.OrgUnitId, u.OrgUnit?.Name, u.OrgUnit?.RegionCode,
            u.TotpEnabledAt is not null, secondFactor == SessionStore.EnrolmentRequired);
}
