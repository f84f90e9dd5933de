using static Zhichan.Api.Features.Admin.UserRules;

namespace Zhichan.Api.Features.Admin;

/// <summary>The users, filtered by name and role, a page at a time.</summary>
public static class ListUsers
{
    public static async Task<Ok<Page<UserDto>>> HandleAsync(ZhichanDb db, string? q, string? role, int? page = null, int? pageSize = null, CancellationToken ct = default)
    {
        var (_, size, offset) = Paging.Of(page, pageSize, 20, 200);
        var query = db.Users.AsNoTracking().Include(u => u.OrgUnit).AsQueryable();
        if (!string.IsNullOrWhiteSpace(q)) query = query.Where(u => EF.Functions.ILike(u.Username, $"%{q}%") || EF.Functions.ILike(u.DisplayName, $"%{q}%"));
        if (!string.IsNullOrWhiteSpace(role)) query = query.Where(u => u.Role == role);
        var total = await query.LongCountAsync(ct);
        var items = await query.OrderBy(u => u.Id).Skip(offset).Take(size).ToListAsync(ct);
        return TypedResults.Ok(new Page<UserDto>(items.Select(ToDto).ToList(), total));
    }
}
