using static Zhichan.Api.Features.Analysis.Briefings.BriefingQueries;

namespace Zhichan.Api.Features.Analysis.Briefings;

/// <summary>
/// Sends the subscription's briefing now for the current week or month so far (kept in the history as 手动发送, notified, e-mailed
/// when the subscription asks for it); the scheduled briefing of the period still comes when the period ends.
/// </summary>
public static class SendBriefingNow
{
    public static async Task<Results<Ok<BriefingDetail>, NotFound>> HandleAsync(long id, ZhichanDb db, BriefingSender sender, CurrentUser me,
        TimeProvider clock, CancellationToken ct)
    {
        var s = await Own(db, me).FirstOrDefaultAsync(x => x.Id == id, ct);
        if (s is null) return TypedResults.NotFound();
        var (start, end) = BriefingPeriods.SoFar(s.Frequency, ChinaTime.Today(clock));
        var b = await sender.ProduceAsync(db, s, start, end, BriefingTrigger.Manual, ct);
        var status = b.MailId is { } mailId ? await db.Set<Platform.Mail.MailOutboxItem>().Where(m => m.Id == mailId).Select(m => m.Status).FirstOrDefaultAsync(ct) : null;
        return TypedResults.Ok(new BriefingDetail(Dto(b, status), BriefingContent.Parse(b.Content), b.HtmlBody));
    }
}
