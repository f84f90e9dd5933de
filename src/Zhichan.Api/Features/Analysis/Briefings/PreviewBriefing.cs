using static Zhichan.Api.Features.Analysis.Briefings.BriefingQueries;

namespace Zhichan.Api.Features.Analysis.Briefings;

/// <summary>What the subscription's briefing holds so far in the current week or month, rendered as it would be sent; nothing is stored or sent.</summary>
public static class PreviewBriefing
{
    public static async Task<Results<Ok<BriefingDetail>, NotFound>> HandleAsync(long id, ZhichanDb db, BriefingComposer composer, CurrentUser me,
        TimeProvider clock, CancellationToken ct)
    {
        var s = await Own(db, me).AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (s is null) return TypedResults.NotFound();
        var (start, end) = BriefingPeriods.SoFar(s.Frequency, ChinaTime.Today(clock));
        var content = await composer.ComposeAsync(s, start, end, ct);
        var dto = new BriefingDto(0, s.Id, content.Title, BriefingFrequency.Names[s.Frequency], start, end.AddDays(-1), "preview", "预览（未发送）",
            content.ItemCount, DateTimeOffset.UtcNow, null, null);
        return TypedResults.Ok(new BriefingDetail(dto, content, composer.Html(content, null)));
    }
}
