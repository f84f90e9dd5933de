using System.Security.Claims;

namespace Zhichan.Api.Platform.Auth;

/// <summary>
/// The caller of the current request, read from the auth cookie's claims. Carries the row filters a role implies:
/// a district user sees its region (<see cref="RegionPrefix"/>), an enterprise/agency/department user its own org unit.
/// </summary>
public sealed class CurrentUser
{
    public const string OrgClaim = "org", RegionClaim = "region", OrgNameClaim = "org_name";

    public long? Id { get; init; }
    public string Name { get; init; } = "anonymous";
    public string? Role { get; init; }
    public long? OrgUnitId { get; init; }
    public string? OrgUnitName { get; init; }
    public string? RegionCode { get; init; }
    public string? Ip { get; init; }
    public string? CorrelationId { get; init; }

    public bool IsAuthenticated => Id is not null;
    public bool IsStaff => Role is Roles.Admin or Roles.Bureau;

    /// <summary>
    /// The region filter for district users: the significant prefix of their region code (320700 → "3207",
    /// 320703 → "320703", 320000 → "32"); null when the role sees every region.
    /// </summary>
    public string? RegionPrefix => Role == Roles.District && RegionCode is { Length: 6 } ? SignificantPrefix(RegionCode) : null;

    public static string SignificantPrefix(string code) =>
        code.EndsWith("0000", StringComparison.Ordinal) ? code[..2] : code.EndsWith("00", StringComparison.Ordinal) ? code[..4] : code;

    public static CurrentUser System { get; } = new() { Name = "system" };

    public static CurrentUser From(HttpContext? http)
    {
        if (http is null) return System;
        var u = http.User;
        var correlation = http.Items[Errors.CorrelationMiddleware.ItemKey] as string;
        var ip = http.Connection.RemoteIpAddress?.ToString();
        if (u.Identity?.IsAuthenticated != true) return new CurrentUser { Ip = ip, CorrelationId = correlation };
        return new CurrentUser
        {
            Id = long.TryParse(u.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null,
            Name = u.FindFirstValue(ClaimTypes.Name) ?? "?",
            Role = u.FindFirstValue(ClaimTypes.Role),
            OrgUnitId = long.TryParse(u.FindFirstValue(OrgClaim), out var org) ? org : null,
            OrgUnitName = u.FindFirstValue(OrgNameClaim),
            RegionCode = u.FindFirstValue(RegionClaim),
            Ip = ip,
            CorrelationId = correlation,
        };
    }
}
