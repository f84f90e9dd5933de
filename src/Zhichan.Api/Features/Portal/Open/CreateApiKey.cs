namespace Zhichan.Api.Features.Portal.Open;

public sealed record CreateApiKeyRequest(string? Name, string? Partner, string? ContactName, string? ContactPhone, string? ContactEmail,
    string[]? Scopes, int? DailyQuota, int? PerMinute, DateOnly? ExpiresOn);

/// <param name="Secret">The whole key, shown this once: only its hash is stored, it cannot be shown again.</param>
public sealed record CreatedApiKey(ApiKeyDto Key, string Secret);

/// <summary>Issues a key to a partner (admin, audited): the secret from the CSPRNG is answered once and stored only hashed.</summary>
public static class CreateApiKey
{
    public const int MaxDailyQuota = 10_000_000, MaxPerMinute = 6_000, MaxYears = 3;

    public static async Task<Created<CreatedApiKey>> HandleAsync(CreateApiKeyRequest req, ZhichanDb db, CurrentUser me, TimeProvider clock, CancellationToken ct)
    {
        var today = ChinaTime.Today(clock);
        var v = new Validation()
            .Required("name", req.Name, "密钥名称").MaxLength("name", req.Name, 100, "密钥名称").PlainText("name", req.Name, "密钥名称")
            .Required("partner", req.Partner, "对接单位").MaxLength("partner", req.Partner, 200, "对接单位").PlainText("partner", req.Partner, "对接单位")
            .MaxLength("contactName", req.ContactName, 50, "联系人").PlainText("contactName", req.ContactName, "联系人")
            .MaxLength("contactPhone", req.ContactPhone, 30, "联系电话").PlainText("contactPhone", req.ContactPhone, "联系电话")
            .Email("contactEmail", req.ContactEmail, "联系邮箱");
        var scopes = (req.Scopes ?? []).Distinct(StringComparer.Ordinal).ToArray();
        if (scopes.Length == 0) v.Add("scopes", "请至少选择一项权限范围");
        foreach (var s in scopes.Where(s => !ApiScopes.Names.ContainsKey(s))) v.Add("scopes", $"权限范围“{s}”不存在，应为 {string.Join("、", ApiScopes.Names.Keys)}");
        if (req.DailyQuota is not { } quota || quota < 1 || quota > MaxDailyQuota) v.Add("dailyQuota", $"每日调用上限应在 1 至 {MaxDailyQuota} 之间");
        if (req.PerMinute is not { } rate || rate < 1 || rate > MaxPerMinute) v.Add("perMinute", $"每分钟调用上限应在 1 至 {MaxPerMinute} 之间");
        if (req.ExpiresOn is not { } exp || exp < today || exp > today.AddYears(MaxYears)) v.Add("expiresOn", $"有效期至应在今天至 {MaxYears} 年内");
        v.ThrowIfInvalid();

        var secret = ApiKeyAuthentication.NewKey();
        var key = new ApiKey
        {
            Name = req.Name!.Trim(), Partner = req.Partner!.Trim(), ContactName = Blank(req.ContactName), ContactPhone = Blank(req.ContactPhone),
            ContactEmail = Blank(req.ContactEmail), Prefix = ApiKeyAuthentication.PrefixOf(secret), SecretHash = ApiKeyAuthentication.Hash(secret),
            Scopes = scopes, DailyQuota = req.DailyQuota!.Value, PerMinute = req.PerMinute!.Value, ExpiresOn = req.ExpiresOn!.Value, CreatedBy = me.Name,
        };
        db.Add(key);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/admin/api-keys/{key.Id}", new CreatedApiKey(ApiKeyViews.Dto(key, today, 0, maskContact: false), secret));
    }

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
