using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Zhichan.Api.Platform.Auth;
using Zhichan.Api.Platform.Database;
using Zhichan.Api.Platform.Errors;
using Zhichan.Api.Platform;

namespace Zhichan.Api.Features.Admin;

public sealed record UserDto(long Id, string Username, string DisplayName, string Role, string RoleName, long? OrgUnitId, string? OrgUnitName,
    string? Phone, string? Email, bool IsActive, int FailedLogins, DateTimeOffset? LockedUntil, DateTimeOffset? LastLoginAt, DateTimeOffset CreatedAt);

public sealed record CreateUserRequest(string? Username, string? DisplayName, string? Role, long? OrgUnitId, string? Password, string? Phone, string? Email);

public sealed record UpdateUserRequest(string? DisplayName, string? Role, long? OrgUnitId, string? Phone, string? Email, bool IsActive);

public sealed record ResetPasswordRequest(string? Password);

public static class Users
{
    public static async Task<Ok<Page<UserDto>>> ListAsync(ZhichanDb db, string? q, string? role, int page = 1, int pageSize = 20, CancellationToken ct = default)
    {
        var query = db.Users.AsNoTracking().Include(u => u.OrgUnit).AsQueryable();
        if (!string.IsNullOrWhiteSpace(q)) query = query.Where(u => EF.Functions.ILike(u.Username, $"%{q}%") || EF.Functions.ILike(u.DisplayName, $"%{q}%"));
        if (!string.IsNullOrWhiteSpace(role)) query = query.Where(u => u.Role == role);
        var total = await query.LongCountAsync(ct);
        (page, pageSize) = (Math.Max(page, 1), Math.Clamp(pageSize, 1, 200));
        var items = await query.OrderBy(u => u.Id).Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(ct);
        return TypedResults.Ok(new Page<UserDto>(items.Select(ToDto).ToList(), total));
    }

    public static async Task<Created<UserDto>> CreateAsync(CreateUserRequest req, ZhichanDb db, CancellationToken ct)
    {
        var v = new Validation()
            .Required("username", req.Username, "用户名").MaxLength("username", req.Username, 64, "用户名")
            .Required("displayName", req.DisplayName, "姓名").MaxLength("displayName", req.DisplayName, 100, "姓名")
            .Required("role", req.Role, "角色").OneOf("role", req.Role, Roles.All, "角色");
        PasswordRules(v, "password", req.Password);
        await RoleNeedsUnit(v, db, req.Role, req.OrgUnitId, ct);
        v.ThrowIfInvalid();
        var name = req.Username!.Trim();
        if (await db.Users.AnyAsync(u => u.Username.ToLower() == name.ToLower(), ct))
            throw new RequestValidationException("username", $"用户名“{name}”已被使用");
        var user = new User
        {
            Username = name, DisplayName = req.DisplayName!.Trim(), Role = req.Role!, OrgUnitId = req.OrgUnitId,
            Phone = req.Phone?.Trim(), Email = req.Email?.Trim(),
        };
        user.PasswordHash = new PasswordHasher<User>().HashPassword(user, req.Password!);
        db.Users.Add(user);
        await db.SaveChangesAsync(ct);
        await db.Entry(user).Reference(u => u.OrgUnit).LoadAsync(ct);
        return TypedResults.Created($"/api/admin/users/{user.Id}", ToDto(user));
    }

    public static async Task<Ok<UserDto>> UpdateAsync(long id, UpdateUserRequest req, ZhichanDb db, CurrentUser me, CancellationToken ct)
    {
        var user = await db.Users.Include(u => u.OrgUnit).SingleOrDefaultAsync(u => u.Id == id, ct);
        if (user is null) throw new DomainException($"用户 {id} 不存在", 404);
        var v = new Validation()
            .Required("displayName", req.DisplayName, "姓名").MaxLength("displayName", req.DisplayName, 100, "姓名")
            .Required("role", req.Role, "角色").OneOf("role", req.Role, Roles.All, "角色");
        await RoleNeedsUnit(v, db, req.Role, req.OrgUnitId, ct);
        if (id == me.Id && (!req.IsActive || req.Role != Roles.Admin)) v.Add("role", "不能停用自己或取消自己的管理员角色");
        v.ThrowIfInvalid();
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

    public static async Task<Ok<UserDto>> UnlockAsync(long id, ZhichanDb db, CancellationToken ct)
    {
        var user = await db.Users.Include(u => u.OrgUnit).SingleOrDefaultAsync(u => u.Id == id, ct);
        if (user is null) throw new DomainException($"用户 {id} 不存在", 404);
        user.FailedLogins = 0;
        user.LockedUntil = null;
        user.UpdatedAt = DateTimeOffset.UtcNow;
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(ToDto(user));
    }

    public static async Task<NoContent> ResetPasswordAsync(long id, ResetPasswordRequest req, ZhichanDb db, CancellationToken ct)
    {
        var v = new Validation();
        PasswordRules(v, "password", req.Password);
        v.ThrowIfInvalid();
        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == id, ct);
        if (user is null) throw new DomainException($"用户 {id} 不存在", 404);
        user.PasswordHash = new PasswordHasher<User>().HashPassword(user, req.Password!);
        user.FailedLogins = 0;
        user.LockedUntil = null;
        user.UpdatedAt = DateTimeOffset.UtcNow;
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }

    /// <summary>At least 8 characters with letters and digits.</summary>
    public static void PasswordRules(Validation v, string field, string? pw)
    {
        if (string.IsNullOrEmpty(pw)) v.Add(field, "密码不能为空");
        else if (pw.Length < 8 || !pw.Any(char.IsLetter) || !pw.Any(char.IsDigit)) v.Add(field, "密码至少 8 位，且须同时包含字母和数字");
    }

    /// <summary>Roles scoped to a unit (department, district, enterprise, agency) must name one of the matching kind.</summary>
    private static async Task RoleNeedsUnit(Validation v, ZhichanDb db, string? role, long? orgUnitId, CancellationToken ct)
    {
        var needed = role switch
        {
            Roles.Department => OrgUnitKinds.Department, Roles.District => OrgUnitKinds.District,
            Roles.Enterprise => OrgUnitKinds.Enterprise, Roles.Agency => OrgUnitKinds.Agency, _ => null,
        };
        if (orgUnitId is null)
        {
            if (needed is not null) v.Add("orgUnitId", $"角色“{Roles.Names[role!]}”必须指定所属单位");
            return;
        }
        var unit = await db.OrgUnits.AsNoTracking().SingleOrDefaultAsync(o => o.Id == orgUnitId, ct);
        if (unit is null) v.Add("orgUnitId", $"单位 {orgUnitId} 不存在");
        else if (needed is not null && unit.Kind != needed) v.Add("orgUnitId", $"角色“{Roles.Names[role!]}”须属于{OrgUnits.KindNames[needed]}类单位，而“{unit.Name}”是{OrgUnits.KindNames[unit.Kind]}");
    }

    private static UserDto ToDto(User u) => new(u.Id, u.Username, u.DisplayName, u.Role, Roles.Names.GetValueOrDefault(u.Role, u.Role), u.OrgUnitId,
        u.OrgUnit?.Name, u.Phone, u.Email, u.IsActive, u.FailedLogins, u.LockedUntil, u.LastLoginAt, u.CreatedAt);
}
