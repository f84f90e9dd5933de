using Zhichan.Api.Platform.Mail;
using static Zhichan.Api.Features.Analysis.Briefings.BriefingQueries;

namespace Zhichan.Api.Features.Analysis.Briefings;

/// <summary>The caller's briefing history, newest first, each with what became of its e-mail; optionally of one subscription.</summary>
public static class ListBriefings
{
    public static async Task<Ok<Page<BriefingDto>>> HandleAsync(long? subscriptionId, int? page, int? pageSize, ZhichanDb db, CurrentUser me, CancellationToken ct)
    {
        var (_, size, offset) = Paging.Of(page, pageSize, 20, 200);
        var q = OwnBriefings(db, me).AsNoTracking();
        if (subscriptionId is { } sid) q = q.Where(b => b.SubscriptionId == sid);
        var total = await q.LongCountAsync(ct);
        var rows = await q.OrderByDescending(b => b.CreatedAt).ThenByDescending(b => b.Id).Skip(offset).Take(size)
            .Select(b => new { b, Mail = db.Set<MailOutboxItem>().Where(m => m.Id == b.MailId).Select(m => m.Status).FirstOrDefault() })
            .ToListAsync(ct);
        return TypedResults.Ok(new Page<BriefingDto>([.. rows.Select(x => Dto(x.b, x.Mail))], total));
    }
}
