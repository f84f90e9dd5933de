using static Zhichan.Api.Features.Protection.Settings.ProtectionSettings;

namespace Zhichan.Api.Features.Protection.Settings;

/// <summary>The fast-track rules and the credit-list periods.</summary>
public static class GetProtectionSettings
{
    public static async Task<Ok<ProtectionSettingsDto>> HandleAsync(ZhichanDb db, CancellationToken ct) => TypedResults.Ok(await LoadAsync(db, ct));
}
