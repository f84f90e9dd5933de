using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.DataProtection;
using OtpNet;
using QRCoder;

namespace Zhichan.Api.Platform.Auth;

/// <summary>
/// TOTP second factor (RFC 6238, 6 digits, 30 s; ADR 0013) with Otp.NET. The shared secret is stored encrypted with the
/// data-protection key ring (shared by every instance through the database), a code is accepted once (its time step is
/// remembered), one step of clock drift either way is tolerated. Recovery codes are random, shown once and stored as
/// SHA-256 hashes; each works once.
/// </summary>
public sealed class SecondFactor(IDataProtectionProvider protection)
{
    public const string Issuer = "知产";
    public const int RecoveryCodeCount = 10;
    private const string RecoveryAlphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
    private readonly IDataProtector _protector = protection.CreateProtector("Zhichan.Totp.v1");

    /// <summary>A new secret: its Base32 text (shown to the user) and its encrypted form (stored).</summary>
    public (string Base32, string Protected) NewSecret()
    {
        var base32 = Base32Encoding.ToString(KeyGeneration.GenerateRandomKey(20));
        return (base32, _protector.Protect(base32));
    }

    /// <summary>The time step matched by <paramref name="code"/> for the stored secret, or null.</summary>
    public long? Verify(string protectedSecret, string? code)
    {
        var digits = new string((code ?? "").Where(char.IsAsciiDigit).ToArray());
        if (digits.Length != 6) return null;
        var totp = new Totp(Base32Encoding.ToBytes(_protector.Unprotect(protectedSecret)));
        return totp.VerifyTotp(digits, out var step, new VerificationWindow(previous: 1, future: 1)) ? step : null;
    }

    /// <summary>The otpauth:// address an authenticator app reads (from the QR code).</summary>
    public static string OtpAuthUri(string account, string base32) =>
        $"otpauth://totp/{Uri.EscapeDataString(Issuer)}:{Uri.EscapeDataString(account)}?secret={base32}&issuer={Uri.EscapeDataString(Issuer)}&digits=6&period=30";

    /// <summary>The QR code of an address as an SVG document.</summary>
    public static string QrSvg(string text)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.M);
        return new SvgQRCode(data).GetGraphic(4);
    }

    /// <summary>Ten new one-time recovery codes (XXXXX-XXXXX).</summary>
    public static IReadOnlyList<string> NewRecoveryCodes() =>
        Enumerable.Range(0, RecoveryCodeCount).Select(_ =>
        {
            var chars = RandomNumberGenerator.GetItems(RecoveryAlphabet.AsSpan(), 10);
            return new string(chars, 0, 5) + "-" + new string(chars, 5, 5);
        }).ToList();

    /// <summary>The stored form of a recovery code (case, spaces and dashes ignored).</summary>
    public static string HashRecoveryCode(string code)
    {
        var normal = new string(code.Where(char.IsLetterOrDigit).Select(char.ToUpperInvariant).ToArray());
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(normal)));
    }
}
