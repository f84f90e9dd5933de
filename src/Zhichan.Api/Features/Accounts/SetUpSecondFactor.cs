using Microsoft.AspNetCore.Identity;

namespace Zhichan.Api.Features.Accounts;

/// <param name="Secret">The Base32 secret, for typing into an app that cannot scan.</param>
/// <param name="OtpAuthUri">The otpauth:// address the QR code holds.</param>
/// <param name="QrSvg">The QR code as an SVG document.</param>
public sealed record SecondFactorSetupDto(string Secret, string OtpAuthUri, string QrSvg);

/// <summary>
/// Enrolling the TOTP second factor (ADR 0013): set-up gives a new secret (with its QR code) that is not yet in use;
/// enabling it needs a valid code from the app and gives ten recovery codes; disabling needs the password. All audited.
/// </summary>
public static class SetUpSecondFactor
{
    public static async Task<Ok<SecondFactorSetupDto>> HandleAsync(ZhichanDb db, CurrentUser me, SecondFactor secondFactor, CancellationToken ct)
    {
        var user = await db.Users.SingleAsync(u => u.Id == me.Id, ct);
        if (user.TotpEnabledAt is not null) throw new DomainException("已启用双因素认证；如需更换，请先停用", 409);
        var (base32, stored) = secondFactor.NewSecret();
        user.TotpSecret = stored;
        AuditLog.Add(db, me, "second_factor_setup", "users", user.Id.ToString(), null, null);
        await db.SaveChangesAsync(ct);
        var uri = SecondFactor.OtpAuthUri(user.Username, base32);
        return TypedResults.Ok(new SecondFactorSetupDto(base32, uri, SecondFactor.QrSvg(uri)));
    }
}
