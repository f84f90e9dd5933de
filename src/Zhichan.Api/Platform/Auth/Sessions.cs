using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace Zhichan.Api.Platform.Auth;

/// <summary>Why a session is no longer valid (null when it is).</summary>
public enum SessionEnd { Revoked, Expired, Idle, StampChanged, Inactive, Unknown }

/// <summary>
/// Server-side sessions (ADR 0013). The auth cookie carries only the session id; the row in <c>user_sessions</c> decides:
/// a session ends when it is revoked (logout), reaches its absolute lifetime or idle limit, or when the user's security stamp
/// changes (deactivation, role or unit change, password change or reset), which ends every session of that user at once.
/// Everything lives in PostgreSQL, so any instance can validate any session.
/// </summary>
public sealed class SessionStore(NpgsqlDataSource db, ZhichanOptions options)
{
    public const string SessionClaim = "sid", SecondFactorClaim = "mfa";

    /// <summary>Second-factor states of a session.</summary>
    public const string NoSecondFactor = "none", Totp = "totp", Recovery = "recovery", EnrolmentRequired = "enrolment_required";

    /// <summary>Starts a session for <paramref name="userId"/> with the user's current security stamp.</summary>
    public async Task<Guid> CreateAsync(long userId, string secondFactor, string? ip, string? userAgent, CancellationToken ct)
    {
        var id = Guid.NewGuid();
        await using var cmd = db.CreateCommand("""
            INSERT INTO user_sessions (id, user_id, security_stamp, expires_at, second_factor, ip, user_agent)
            SELECT $1, u.id, u.security_stamp, now() + make_interval(hours => $3), $4, $5, $6 FROM users u WHERE u.id = $2
            """);
        cmd.Parameters.Add(new NpgsqlParameter { Value = id });
        cmd.Parameters.Add(new NpgsqlParameter { Value = userId });
        cmd.Parameters.Add(new NpgsqlParameter { Value = options.SessionAbsoluteHours });
        cmd.Parameters.Add(new NpgsqlParameter { Value = secondFactor });
        cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)ip ?? DBNull.Value });
        cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)Truncate(userAgent, 300) ?? DBNull.Value });
        if (await cmd.ExecuteNonQueryAsync(ct) != 1) throw new InvalidOperationException($"user {userId} not found");
        return id;
    }

    /// <summary>
    /// Checks a session and notes that it was used (at most once a minute, so a busy session costs one read per request).
    /// Returns null when the session is valid, otherwise why it ended; an idle session is revoked here.
    /// </summary>
    public async Task<SessionEnd?> CheckAsync(Guid id, CancellationToken ct)
    {
        try
        {
            return await CheckAsync(id, touch: true, ct);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.ReadOnlySqlTransaction)
        {
            // a read-only database (a demoted primary, default_transaction_read_only): signed-in users keep reading,
            // only the last-seen note waits (ADR 0063)
            return await CheckAsync(id, touch: false, ct);
        }
    }

    private async Task<SessionEnd?> CheckAsync(Guid id, bool touch, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand(touch ? CheckSql : CheckReadOnlySql);
        cmd.Parameters.Add(new NpgsqlParameter { Value = id });
        cmd.Parameters.Add(new NpgsqlParameter { Value = options.SessionIdleMinutes });
        await using (var r = await cmd.ExecuteReaderAsync(ct))
        {
            if (!await r.ReadAsync(ct)) return SessionEnd.Unknown;
            if (r.GetBoolean(0)) return SessionEnd.Revoked;
            if (!r.GetBoolean(4)) return SessionEnd.Inactive;
            if (r.GetBoolean(3)) return SessionEnd.StampChanged;
            if (r.GetBoolean(1)) return SessionEnd.Expired;
            if (!r.GetBoolean(2)) return null;
        }
        if (touch) await RevokeAsync(id, "idle", ct);
        return SessionEnd.Idle;
    }

    private const string CheckReadOnlySql = """
        SELECT s.revoked_at IS NOT NULL, s.expires_at <= now(), s.last_seen_at < now() - make_interval(mins => $2),
               s.security_stamp <> u.security_stamp, u.is_active
        FROM user_sessions s JOIN users u ON u.id = s.user_id WHERE s.id = $1
        """;

    private const string CheckSql = """
            WITH s AS (
                SELECT s.revoked_at, s.expires_at <= now() AS expired, s.last_seen_at < now() - make_interval(mins => $2) AS idle,
                       s.security_stamp <> u.security_stamp AS stamp_changed, u.is_active
                FROM user_sessions s JOIN users u ON u.id = s.user_id WHERE s.id = $1),
            touched AS (
                UPDATE user_sessions SET last_seen_at = now()
                WHERE id = $1 AND revoked_at IS NULL AND last_seen_at < now() - interval '1 minute'
                  AND last_seen_at >= now() - make_interval(mins => $2) AND expires_at > now()
                RETURNING 1)
            SELECT revoked_at IS NOT NULL, expired, idle, stamp_changed, is_active FROM s
            """;

    public async Task RevokeAsync(Guid id, string reason, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand("UPDATE user_sessions SET revoked_at = now(), revoked_reason = $2 WHERE id = $1 AND revoked_at IS NULL");
        cmd.Parameters.Add(new NpgsqlParameter { Value = id });
        cmd.Parameters.Add(new NpgsqlParameter { Value = reason });
        await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <summary>
    /// Gives the user a new security stamp and revokes every open session (within the caller's transaction when given):
    /// deactivation, role or unit change, password change or reset.
    /// </summary>
    public static async Task EndAllAsync(NpgsqlConnection conn, NpgsqlTransaction? tx, long userId, string reason, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("""
            UPDATE users SET security_stamp = gen_random_uuid() WHERE id = $1;
            UPDATE user_sessions SET revoked_at = now(), revoked_reason = $2 WHERE user_id = $1 AND revoked_at IS NULL;
            """, conn, tx);
        cmd.Parameters.Add(new NpgsqlParameter { Value = userId });
        cmd.Parameters.Add(new NpgsqlParameter { Value = reason });
        await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <summary>The session id named by a signed-in principal.</summary>
    public static Guid? IdOf(ClaimsPrincipal user) => Guid.TryParse(user.FindFirstValue(SessionClaim), out var id) ? id : null;

    /// <summary>Cookie validation: a principal whose session ended is signed out, so the request continues anonymous (401).</summary>
    public static async Task ValidateAsync(CookieValidatePrincipalContext ctx)
    {
        var sid = ctx.Principal is null ? null : IdOf(ctx.Principal);
        var store = ctx.HttpContext.RequestServices.GetRequiredService<SessionStore>();
        if (sid is { } id && await store.CheckAsync(id, ctx.HttpContext.RequestAborted) is null) return;
        ctx.RejectPrincipal();
        await ctx.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
    }

    private static string? Truncate(string? s, int max) => s is null ? null : s.Length <= max ? s : s[..max];
}
