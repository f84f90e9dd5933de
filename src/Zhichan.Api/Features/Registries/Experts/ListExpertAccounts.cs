namespace Zhichan.Api.Features.Registries.Experts;

/// <summary>The accounts with the role expert and the expert row each maintains: what the bureau links a row to.</summary>
public static class ListExpertAccounts
{
    public static async Task<Ok<ExpertAccountDto[]>> HandleAsync(ZhichanDb db, CancellationToken ct)
    {
        var users = await db.Users.AsNoTracking().Where(u => u.Role == Roles.Expert).OrderBy(u => u.Username)
            .Select(u => new { u.Id, u.Username, u.DisplayName, Org = u.OrgUnit != null ? u.OrgUnit.Name : null, u.IsActive }).ToListAsync(ct);
        var linked = await db.Set<Expert>().AsNoTracking().Where(e => e.UserId != null).Select(e => new { UserId = e.UserId!.Value, e.Id, e.Name })
            .ToDictionaryAsync(e => e.UserId, ct);
        return TypedResults.Ok(users.Select(u => new ExpertAccountDto(u.Id, u.Username, u.DisplayName, u.Org, u.IsActive,
            linked.TryGetValue(u.Id, out var e) ? e.Id : null, e?.Name)).ToArray());
    }
}
