using Microsoft.AspNetCore.Identity;
using static Zhichan.Api.Features.Admin.UserRules;

namespace Zhichan.Api.Features.Admin;

public sealed record ResetPasswordRequest(string? Password);

/// <summary>Sets a new password for a user.</summary>
public static class ResetUserPassword
{
    public static async Task<NoContent> HandleAsync(long id, ResetPasswordRequest req, ZhichanDb db, CurrentUser me, CancellationToken ct)
    {
        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == id, ct);
        if (user is null) throw new DomainException($"用户 {id} 不存在", 404);
        var v = new Validation();
        PasswordPolicy.Check(v, "password", req.Password, user.Role, user.Username);
        v.ThrowIfInvalid();
        user.PasswordHash = new PasswordHasher<User>().HashPassword(user, req.Password!);
        user.FailedLogins = 0;
        user.LockedUntil = null;
        user.PasswordChangedAt = user.UpdatedAt = DateTimeOffset.UtcNow;
        // every session of the user ends: whoever held the old password is signed out everywhere (ADR 0013)
        user.SecurityStamp = Guid.NewGuid();
        AuditLog.Add(db, me, "password_reset", "users", user.Id.ToString(), null, new { user.Username });
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }
}
