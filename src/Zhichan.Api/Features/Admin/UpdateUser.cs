using static Zhichan.Api.Features.Admin.UserRules;

namespace Zhichan.Api.Features.Admin;

public sealed record UpdateUserRequest(string? DisplayName, string? Role, long? OrgUnitId, string? Phone, string? Email, bool IsActive);

/// <summary>Changes a user's role, unit or state.</summary>
public static class UpdateUser
{
    public static async Task<Ok<UserDto>> HandleAsync(long id, UpdateUserRequest req, ZhichanDb db, CurrentUser me, CancellationToken ct)
    {
        var user = await db.Users.Include(u => u.OrgUnit).SingleOrDefaultAsync(u => u.Id == id, ct);
        if (user is null) throw new DomainException($"用户 {id} 不存在", 404);
        var v = new Validation()
            .Required("displayName", req.DisplayName, "姓名").MaxLength("displayName", req.DisplayName, 100, "姓名")
            .Required("role", req.Role, "角色").OneOf("role", req.Role, Roles.All, "角色");
        await RoleNeedsUnit(v, db, req.Role, req.OrgUnitId, ct);
        if (id == me.Id && (!req.IsActive || req.Role != Roles.Admin)) v.Add("role", "不能停用自己或取消自己的管理员角色");
        v.Email("email", req.Email, "电子邮箱").MaxLength("phone", req.Phone, 30, "电话");
        v.ThrowIfInvalid();
        // a new role, unit or deactivation ends the user's sessions: the next request needs a sign-in with the new rights
        if (user.Role != req.Role || user.OrgUnitId != req.OrgUnitId || user.IsActive != req.IsActive)
        {
            user.SecurityStamp = Guid.NewGuid();
            AuditLog.Add(db, me, user.Role != req.Role ? "role_change" : user.IsActive != req.IsActive ? (req.IsActive ? "activate" : "deactivate") : "unit_change",
                "users", user.Id.ToString(), new { user.Role, user.OrgUnitId, user.IsActive }, new { req.Role, req.OrgUnitId, req.IsActive });
        }
        user.DisplayName = req.DisplayName!.Trim();
        user.Role = req.Role!;
        user.OrgUnitId = req.OrgUnitId;
        user.Phone = req.Phone?.Trim();
        user.Email = req.Email?.Trim();
        user.IsActive = req.IsActive;
        user.UpdatedAt = DateTimeOffset.UtcNow;
        await db.SaveChangesAsync(ct);
        await db.Entry(user).Reference(u => u.OrgUnit).LoadAsync(ct);
        return TypedResults.Ok(ToDto(user));
    }
}
