using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Zhichan.Api.Platform;
using Zhichan.Api.Platform.Database;
using static Zhichan.Api.Features.Admin.UserRules;

namespace Zhichan.Api.Features.Admin;

/// <summary>The users, filtered by name and role, a page at a time.</summary>
public static class ListUsers
{
    public static async Task<Ok<Page<UserDto>>> HandleAsync(ZhichanDb db, string? q, string? role, int page = 1, int pageSize = 20, CancellationToken ct = default)
    {
        var query = db.Users.AsNoTracking().Include(u => u.OrgUnit).AsQueryable();
        if (!string.IsNullOrWhiteSpace(q)) query = query.Where(u => EF.Functions.ILike(u.Username, $"%{q}%") || EF.Functions.ILike(u.DisplayName, $"%{q}%"));
        if (!string.IsNullOrWhiteSpace(role)) query = query.Where(u => u.Role == role);
        var total = await query.LongCountAsync(ct);
        (page, pageSize) = (Math.Max(page, 1), Math.Clamp(pageSize, 1, 200));
        var items = await query.OrderBy(u => u.Id).Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(ct);
        return TypedResults.Ok(new Page<UserDto>(items.Select(ToDto).ToList(), total));
    }
}
