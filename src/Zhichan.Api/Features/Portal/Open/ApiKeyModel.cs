using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Zhichan.Api.Features.Portal.Open;

/// <summary>
/// An API key the admin issued to a partner platform (省平台, other databases): its scopes, limits and expiry. The secret
/// itself is never stored, only its SHA-256 and a short prefix that identifies it in lists and logs (ADR 0055).
/// </summary>
public sealed class ApiKey
{
    public long Id { get; set; }
    public string Name { get; set; } = "";
    public string Partner { get; set; } = "";
    public string? ContactName { get; set; }
    public string? ContactPhone { get; set; }
    public string? ContactEmail { get; set; }
    public string Prefix { get; set; } = "";
    [NotAudited] public byte[] SecretHash { get; set; } = [];
    public string[] Scopes { get; set; } = [];
    public int DailyQuota { get; set; }
    public int PerMinute { get; set; }
    public DateOnly ExpiresOn { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
    public string? RevokedBy { get; set; }
    public string CreatedBy { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; } = DateTimeOffset.UtcNow;
    public DateTimeOffset? LastUsedAt { get; set; }
}

internal sealed class ApiKeyConfiguration : IEntityTypeConfiguration<ApiKey>
{
    public void Configure(EntityTypeBuilder<ApiKey> b) => b.ToTable("api_keys");
}

/// <summary>The scopes a key may hold: one per kind of open data (and the sync apart from reading single records).</summary>
public static class ApiScopes
{
    public const string RecordsRead = "records.read", RecordsSync = "records.sync", IndicatorsRead = "indicators.read", PlansRead = "plans.read",
        DisclosuresRead = "disclosures.read", PublicityRead = "publicity.read", AgenciesRead = "agencies.read";

    public static readonly IReadOnlyDictionary<string, string> Names = new Dictionary<string, string>
    {
        [RecordsRead] = "专利记录检索与详情", [RecordsSync] = "专利记录增量同步", [IndicatorsRead] = "指标数值", [PlansRead] = "工作方案目标进展",
        [DisclosuresRead] = "保护信息公开", [PublicityRead] = "项目公示", [AgenciesRead] = "服务机构名录",
    };

    /// <summary>The authorization policy of a scope: a valid key of the API-key scheme holding it.</summary>
    public static string Policy(string scope) => "open:" + scope;
}

/// <summary>A key's state as the partner page shows it.</summary>
public static class ApiKeyStates
{
    public const string Active = "active", Revoked = "revoked", Expired = "expired";
    public static readonly IReadOnlyDictionary<string, string> Names = new Dictionary<string, string> { [Active] = "有效", [Revoked] = "已撤销", [Expired] = "已过期" };

    public static string Of(ApiKey k, DateOnly today) => k.RevokedAt is not null ? Revoked : k.ExpiresOn < today ? Expired : Active;
}
