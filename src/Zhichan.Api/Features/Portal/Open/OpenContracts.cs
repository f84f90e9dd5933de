using Zhichan.Api.Platform.Security;

namespace Zhichan.Api.Features.Portal.Open;

/// <summary>A key as the partner page lists it: never the secret, the contact masked (the page does not need it in full).</summary>
public sealed record ApiKeyDto(long Id, string Name, string Partner, string? ContactName, string? ContactPhone, string? ContactEmail, string Prefix,
    IReadOnlyList<ScopeDto> Scopes, int DailyQuota, int PerMinute, DateOnly ExpiresOn, string State, string StateName, DateTimeOffset CreatedAt,
    string CreatedBy, DateTimeOffset? RevokedAt, string? RevokedBy, long RequestsToday);

public sealed record ScopeDto(string Code, string Name);

public static class ApiKeyViews
{
    public static ApiKeyDto Dto(ApiKey k, DateOnly today, long requestsToday, bool maskContact = true)
    {
        var state = ApiKeyStates.Of(k, today);
        return new ApiKeyDto(k.Id, k.Name, k.Partner,
            k.ContactName is null ? null : maskContact ? Masking.MaskName(k.ContactName) : k.ContactName,
            k.ContactPhone is null ? null : maskContact ? Masking.MaskPhone(k.ContactPhone) : k.ContactPhone,
            k.ContactEmail is null ? null : maskContact ? Masking.MaskEmail(k.ContactEmail) : k.ContactEmail,
            k.Prefix, k.Scopes.Select(s => new ScopeDto(s, ApiScopes.Names.GetValueOrDefault(s, s))).ToList(), k.DailyQuota, k.PerMinute, k.ExpiresOn,
            state, ApiKeyStates.Names[state], k.CreatedAt, k.CreatedBy, k.RevokedAt, k.RevokedBy, requestsToday);
    }
}
