using static Zhichan.Api.Features.Admin.UserRules;

namespace Zhichan.Api.Features.Admin;

/// <summary>Lifts a login lock-out.</summary>
public static class UnlockUser
{
    public static async Task<Ok<UserDto>> HandleAsync(long id, ZhichanDb db, CancellationToken ct)
    {
        var user = await db.Users.Include(u => u.OrgUnit).SingleOrDefaultAsync(u => u.Id == id, ct);
        if (user is null) throw new DomainException($"用户 {id} 不存在", 404);
        user.FailedLogins = 0;
        user.LockedUntil = null;
        user.UpdatedAt = DateTimeOffset.UtcNow;
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(ToDto(user));
    }
}
