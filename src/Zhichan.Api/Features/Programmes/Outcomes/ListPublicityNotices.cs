using Zhichan.Api.Platform.Security;

namespace Zhichan.Api.Features.Programmes.Outcomes;

/// <summary>One line of a published list: rank, the applicant's name (a natural person's masked), level and amount. No contacts, no codes.</summary>
public sealed record NoticeItem(long ApplicationId, int Position, string ApplicantName, string? LevelLabel, decimal? Amount);

/// <param name="Open">The window runs today: objections are accepted.</param>
public sealed record PublicityNotice(long CallId, string ProgrammeName, string CallTitle, int Year, bool IsExample, DateOnly From, DateOnly To,
    DateTimeOffset PublishedAt, bool Open, int PublicityWorkingDays, IReadOnlyList<NoticeItem> Items);

/// <summary>
/// 公示 on the portal (stable operation id, anonymous): the current and past notices, newest first, each with its window and the
/// ranked list as published. The list shows what was published (level and amount proposed), whatever was decided since.
/// </summary>
public static class ListPublicityNotices
{
    public static async Task<Ok<List<PublicityNotice>>> HandleAsync(ZhichanDb db, TimeProvider clock, CancellationToken ct)
    {
        var today = ChinaTime.Today(clock);
        var events = await db.Set<ProgrammeApplicationEvent>().AsNoTracking().Where(e => e.Action == "publicise")
            .Join(db.Set<ProgrammeApplication>(), e => e.ApplicationId, a => a.Id, (e, a) => new { e.At, e.Note, App = a }).ToListAsync(ct);
        var callIds = events.Select(e => e.App.CallId).Distinct().ToList();
        var calls = await db.Set<ProgrammeCall>().AsNoTracking().Where(c => callIds.Contains(c.Id) && c.PublicityFrom != null && c.PublicityTo != null)
            .Join(db.Set<ProgrammeType>(), c => c.TypeId, t => t.Id, (c, t) => new { Call = c, Type = t }).ToListAsync(ct);
        var notices = calls.Select(x =>
        {
            var def = x.Type.Parsed();
            var listed = events.Where(e => e.App.CallId == x.Call.Id).OrderBy(e => e.App.Rank ?? int.MaxValue)
                .ThenByDescending(e => e.App.ScoreAdjusted ?? e.App.Score).ThenBy(e => e.App.Id).ToList();
            var items = listed.Select((e, i) => new NoticeItem(e.App.Id, i + 1, x.Type.Applicant == "person" ? Masking.MaskName(e.App.ApplicantName) : e.App.ApplicantName,
                def.Levels.FirstOrDefault(l => l.Key == e.App.Level)?.Label ?? e.App.Level, e.App.AmountGranted)).ToList();
            return new PublicityNotice(x.Call.Id, x.Type.Name, x.Call.Title, x.Call.Year, x.Call.IsExample, x.Call.PublicityFrom!.Value, x.Call.PublicityTo!.Value,
                listed.Min(e => e.At), today >= x.Call.PublicityFrom && today <= x.Call.PublicityTo, def.PublicityWorkingDays, items);
        }).OrderByDescending(n => n.Open).ThenByDescending(n => n.From).ThenByDescending(n => n.CallId).ToList();
        return TypedResults.Ok(notices);
    }
}
