namespace Zhichan.Api.Features.Accounts;

/// <summary>The signed-in user as the web shell needs it (menu by role, region, org unit).</summary>
public sealed record SessionUser(long Id, string Username, string DisplayName, string Role, string RoleName, long? OrgUnitId,
    string? OrgUnitName, string? RegionCode);

public sealed record SessionResponse(SessionUser User, string CsrfToken);
