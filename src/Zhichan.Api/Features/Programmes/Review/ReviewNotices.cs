using Zhichan.Api.Platform.Notifications;

namespace Zhichan.Api.Features.Programmes.Review;

/// <summary>
/// Tells drawn experts that they hold a seat (a new draw, a re-draw, or 递补 from the reserves): an in-app notification to the
/// expert's account, mailed like every notification when the account has an address. Experts without an account are reached
/// by the bureau as before (the draw page lists them with their contacts).
/// </summary>
public static class ReviewNotices
{
    public static async Task SeatedAsync(ZhichanDb db, ProgrammeDraw draw, IReadOnlyCollection<long> expertIds, CancellationToken ct)
    {
        if (expertIds.Count == 0) return;
        var title = await db.Set<ProgrammeCall>().Where(c => c.Id == draw.CallId).Select(c => c.Title).FirstAsync(ct);
        var users = await db.Set<Registries.Experts.Expert>().Where(e => expertIds.Contains(e.Id) && e.UserId != null).Select(e => e.UserId!.Value).ToListAsync(ct);
        foreach (var user in users)
            await Notifier.ToUserAsync(db, user, new NotificationMessage("programme_review_seat", $"{title}：评审专家组邀请",
                "您已被抽取为本批次评审专家组成员。请在“申报评审 → 专家评审”中确认参加或说明不能参加的理由；如与申报单位存在利害关系，请声明回避。",
                "/programmes/review", "programme_draws", draw.Id.ToString(), $"programme_seat:{draw.Id}:{user}"), ct);
    }
}
