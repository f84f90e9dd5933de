using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace Zhichan.Api.Features.Registries.Training;

/// <summary>
/// The check-in token in the QR code (ADR 0027): the event id, signed and encrypted with the platform's data-protection key ring
/// (shared by every instance through PostgreSQL) and valid until its expiry. Forging one or stretching its validity needs the key
/// ring; a token alone checks nobody in — the participant's own signed-in session does.
/// </summary>
public sealed class TrainingCheckInTokens(IDataProtectionProvider provider)
{
    private readonly ITimeLimitedDataProtector _protector = provider.CreateProtector("Zhichan.Registries.Training.CheckIn.v1").ToTimeLimitedDataProtector();

    public string Issue(long eventId, DateTimeOffset expires) => _protector.Protect($"event:{eventId}", expires);

    /// <summary>The event id of a valid token, or null (malformed, forged or expired).</summary>
    public long? Read(string token, out DateTimeOffset expires)
    {
        expires = default;
        try
        {
            var payload = _protector.Unprotect(token, out expires);
            return payload.StartsWith("event:", StringComparison.Ordinal) && long.TryParse(payload.AsSpan(6), out var id) ? id : null;
        }
        catch (CryptographicException)
        {
            return null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
