using System.Text.Json;
using static Zhichan.Api.Features.Protection.Settings.ProtectionSettings;

namespace Zhichan.Api.Features.Protection.Settings;

/// <summary>Changes the fast-track rules and the credit-list periods.</summary>
public static class UpdateProtectionSettings
{
    public static async Task<Ok<ProtectionSettingsDto>> HandleAsync(ProtectionSettingsDto req, ZhichanDb db, CancellationToken ct)
    {
        var v = new Validation();
        if (req.CreditListingYears is < 1 or > 10) v.Add("creditListingYears", "失信名单公示期限应为 1～10 年");
        if (req.KeyIndustries is null) v.Add("keyIndustries", "重点产业不能为空（可为空列表）");
        if (req.FastTrackTypes?.Except(ComplaintTypes.Labels.Keys).FirstOrDefault() is { } bad) v.Add("fastTrackTypes", $"投诉类型“{bad}”无效");
        v.ThrowIfInvalid();
        var clean = req with { KeyIndustries = req.KeyIndustries!.Select(s => s.Trim()).Where(s => s.Length > 0).Distinct().ToArray(), FastTrackTypes = req.FastTrackTypes ?? [] };
        var row = await db.Set<ProtectionSetting>().FirstOrDefaultAsync(s => s.Key == Key, ct);
        var doc = JsonSerializer.SerializeToDocument(clean, Json);
        if (row is null) db.Set<ProtectionSetting>().Add(new ProtectionSetting { Key = Key, Value = doc });
        else { row.Value = doc; row.UpdatedAt = DateTimeOffset.UtcNow; }
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(clean);
    }
}
