using Microsoft.AspNetCore.Identity;
using static Zhichan.Api.Features.Admin.UserRules;

namespace Zhichan.Api.Features.Admin;

public sealed record CreateUserRequest(string? Username, string? DisplayName, string? Role, long? OrgUnitId, string? Password, string? Phone, string? Email);

/// <summary>Creates a user.</summary>
public static class CreateUser
{
    public static async Task<Created<UserDto>> HandleAsync(CreateUserRequest req, ZhichanDb db, CancellationToken ct)
    {
        var v = new Validation()
            .Required("username", req.Username, "用户名").MaxLength("username", req.Username, 64, "用户名")
            .Required("displayName", req.DisplayName, "姓名").MaxLength("displayName", req.DisplayName, 100, "姓名")
            .Required("role", req.Role, "角色").OneOf("role", req.Role, Roles.All, "角色");
        PasswordPolicy.Check(v, "password", req.Password, req.Role, req.Username);
        v.Email("email", req.Email, "电子邮箱").MaxLength("phone", req.Phone, 30, "电话");
        await RoleNeedsUnit(v, db, req.Role, req.OrgUnitId, ct);
        v.ThrowIfInvalid();
        var name = req.Username!.Trim();
        if (await db.Users.AnyAsync(u => u.Username.ToLower() == name.ToLower(), ct))
            throw new RequestValidationException("username", $"用户名“{name}”已被使用");
        var user = new User
        {
            Username = name, DisplayName = req.DisplayName!.Trim(), Role = req.Role!, OrgUnitId = req.OrgUnitId,
            Phone = req.Phone?.Trim(), Email = req.Email?.Trim(), PasswordChangedAt = DateTimeOffset.UtcNow,
        };
        user.PasswordHash = new PasswordHasher<User>().HashPassword(user, req.Password!);
        db.Users.Add(user);
        await db.SaveChangesAsync(ct);
        await db.Entry(user).Reference(u => u.OrgUnit).LoadAsync(ct);
        return TypedResults.Created($"/api/admin/users/{user.Id}", ToDto(user));
    }
}
