using Zhichan.Api.Platform.Mail;
using static Zhichan.Api.Features.Analysis.Briefings.BriefingQueries;

namespace Zhichan.Api.Features.Analysis.Briefings;

/// <summary>One of the caller's briefings: its sections for the in-app page and the e-mail exactly as sent. Another user's answers 404.</summary>
public static class GetBriefing
{
    public static async Task<Results<Ok<BriefingDetail>, NotFound>> HandleAsync(long id, ZhichanDb db, CurrentUser me, CancellationToken ct)
    {
        var b = await OwnBriefings(db, me).AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (b is null) return TypedResults.NotFound();
        var status = b.MailId is { } mailId ? await db.Set<MailOutboxItem>().Where(m => m.Id == mailId).Select(m => m.Status).FirstOrDefaultAsync(ct) : null;
        return TypedResults.Ok(new BriefingDetail(Dto(b, status), BriefingContent.Parse(b.Content), b.HtmlBody));
    }
}
