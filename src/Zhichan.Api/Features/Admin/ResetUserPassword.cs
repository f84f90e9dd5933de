using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Zhichan.Api.Platform.Auth;
using Zhichan.Api.Platform.Database;
using Zhichan.Api.Platform.Errors;
using static Zhichan.Api.Features.Admin.UserRules;

namespace Zhichan.Api.Features.Admin;

public sealed record ResetPasswordRequest(string? Password);

/// <summary>Sets a new password for a user.</summary>
public static class ResetUserPassword
{
    public static async Task<NoContent> HandleAsync(long id, ResetPasswordRequest req, ZhichanDb db, CancellationToken ct)
    {
        var v = new Validation();
        PasswordRules(v, "password", req.Password);
        v.ThrowIfInvalid();
        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == id, ct);
        if (user is null) throw new DomainException($"用户 {id} 不存在", 404);
        user.PasswordHash = new PasswordHasher<User>().HashPassword(user, req.Password!);
        user.FailedLogins = 0;
        user.LockedUntil = null;
        user.UpdatedAt = DateTimeOffset.UtcNow;
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }
}
