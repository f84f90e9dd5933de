namespace Zhichan.Api.Features.Accounts;

/// <summary>The signed-in user as the web shell needs it (menu by role, region, org unit).</summary>
/// <param name="SecondFactorEnabled">The account signs in with a TOTP code as well.</param>
/// <param name="SecondFactorEnrolmentRequired">The account must enable the second factor before using the platform (ZHICHAN_STAFF_TOTP=required).</param>
public sealed record SessionUser(long Id, string Username, string DisplayName, string Role, string RoleName, long? OrgUnitId,
    string? OrgUnitName, string? RegionCode, bool SecondFactorEnabled, bool SecondFactorEnrolmentRequired);

public sealed record SessionResponse(SessionUser User, string CsrfToken);
