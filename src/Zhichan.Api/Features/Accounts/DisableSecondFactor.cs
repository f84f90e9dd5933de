using Microsoft.AspNetCore.Identity;

namespace Zhichan.Api.Features.Accounts;

public sealed record SecondFactorDisableRequest(string? Password);

/// <summary>Disables the second factor (password required).</summary>
public static class DisableSecondFactor
{
    public static async Task<NoContent> HandleAsync(SecondFactorDisableRequest req, ZhichanDb db, CurrentUser me, CancellationToken ct)
    {
        new Validation().Required("password", req.Password, "密码").ThrowIfInvalid();
        var user = await db.Users.SingleAsync(u => u.Id == me.Id, ct);
        if (new PasswordHasher<User>().VerifyHashedPassword(user, user.PasswordHash, req.Password!) == PasswordVerificationResult.Failed)
            throw new RequestValidationException("password", "密码不正确");
        user.TotpSecret = null;
        user.TotpEnabledAt = null;
        user.TotpLastStep = null;
        AuditLog.Add(db, me, "second_factor_disable", "users", user.Id.ToString(), null, null);
        await db.SaveChangesAsync(ct);
        await db.Database.ExecuteSqlAsync($"DELETE FROM user_recovery_codes WHERE user_id = {user.Id}", ct);
        return TypedResults.NoContent();
    }
}
