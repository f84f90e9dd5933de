using Zhichan.Api.Features.Records;

namespace Zhichan.Api.Features.Registries.Experts;

/// <summary>
/// The signed-in expert's own profile, contacts in clear (it is their own data). 404 while the account has no profile yet (the
/// page then offers to create it) and for accounts that are not experts.
/// </summary>
public static class GetMyExpertProfile
{
    public static async Task<Ok<ExpertDetail>> HandleAsync(ZhichanDb db, CurrentUser me, RecordsReference reference, CancellationToken ct)
    {
        var e = me.Role == Roles.Expert && me.Id is { } uid ? await ExpertQueries.FindByUserAsync(db, uid, ct) : null;
        if (e is null) throw new DomainException("本账号尚未建立专家档案", 404);
        return TypedResults.Ok(await ExpertQueries.DetailAsync(db, e, reference, masked: false, ct));
    }
}
