namespace Zhichan.Api.Features.Admin;

public sealed record UserDto(long Id, string Username, string DisplayName, string Role, string RoleName, long? OrgUnitId, string? OrgUnitName,
    string? Phone, string? Email, bool IsActive, int FailedLogins, DateTimeOffset? LockedUntil, DateTimeOffset? LastLoginAt, DateTimeOffset CreatedAt);

/// <summary>What the user use cases share: the DTO, the password rule, the unit a role needs.</summary>
public static class UserRules
{
    /// <summary>Roles scoped to a unit (department, district, enterprise, agency, bank) must name one of the matching kind.</summary>
    internal static async Task RoleNeedsUnit(Validation v, ZhichanDb db, string? role, long? orgUnitId, CancellationToken ct)
    {
        var needed = role switch
        {
            Roles.Department => OrgUnitKinds.Department, Roles.District => OrgUnitKinds.District,
            Roles.Enterprise => OrgUnitKinds.Enterprise, Roles.Agency => OrgUnitKinds.Agency, Roles.Bank => OrgUnitKinds.Bank, _ => null,
        };
        if (orgUnitId is null)
        {
            if (needed is not null) v.Add("orgUnitId", $"角色“{Roles.Names[role!]}”必须指定所属单位");
            return;
        }
        var unit = await db.OrgUnits.AsNoTracking().SingleOrDefaultAsync(o => o.Id == orgUnitId, ct);
        if (unit is null) v.Add("orgUnitId", $"单位 {orgUnitId} 不存在");
        else if (needed is not null && unit.Kind != needed) v.Add("orgUnitId", $"角色“{Roles.Names[role!]}”须属于{OrgUnitRules.KindNames[needed]}类单位，而“{unit.Name}”是{OrgUnitRules.KindNames[unit.Kind]}");
    }

    internal static UserDto ToDto(User u) => new(u.Id, u.Username, u.DisplayName, u.Role, Roles.Names.GetValueOrDefault(u.Role, u.Role), u.OrgUnitId,
        u.OrgUnit?.Name, u.Phone, u.Email, u.IsActive, u.FailedLogins, u.LockedUntil, u.LastLoginAt, u.CreatedAt);
}
