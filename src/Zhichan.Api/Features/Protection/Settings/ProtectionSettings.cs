using System.Text.Json;

namespace Zhichan.Api.Features.Protection.Settings;

/// <summary>The bureau's settings for the protection module (fast-track rules, credit listing period).</summary>
public sealed record ProtectionSettingsDto(string[] KeyIndustries, bool FastTrackProtectionList, bool FastTrackEcommerce, string[] FastTrackTypes,
    int CreditListingYears);

public static class ProtectionSettings
{
    public const string Key = "protection";

    /// <summary>Defaults: 连云港's key industries (生物医药, 新材料, 新能源, 高端装备, 石化), e-commerce and the protection list on, 3 years on the credit list.</summary>
    public static readonly ProtectionSettingsDto Defaults = new(["生物医药", "新材料", "新能源", "高端装备", "石化"], true, true, [], 3);

    public static async Task<ProtectionSettingsDto> LoadAsync(ZhichanDb db, CancellationToken ct)
    {
        var row = await db.Set<ProtectionSetting>().AsNoTracking().FirstOrDefaultAsync(s => s.Key == Key, ct);
        return row is null ? Defaults : row.Value.Deserialize<ProtectionSettingsDto>(Json) ?? Defaults;
    }

    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
}
