using static Zhichan.Api.Features.Protection.Credit.CreditListings;

namespace Zhichan.Api.Features.Protection.Credit;

/// <summary>An enterprise's own listings and the outcome of its repair requests.</summary>
public static class ListMyCreditListings
{
    /// <summary>ListMyCreditListings: an enterprise sees its own listings (every state, with the review result) and nobody else's.</summary>
    public static async Task<Ok<CreditListingDto[]>> HandleAsync(ZhichanDb db, CurrentUser me, CancellationToken ct)
    {
        if (me.Role != Roles.Enterprise) throw new DomainException("本单位信用信息仅向企业账号提供；知识产权局请使用失信名单管理", 403, "禁止访问");
        var q = (await OwnListingsAsync(db, me, ct)).AsNoTracking();
        return TypedResults.Ok((await q.OrderByDescending(l => l.Id).ToListAsync(ct)).Select(ToDto).ToArray());
    }
}
