namespace Zhichan.Api.Features.Programmes.Review;

public sealed record ScoreMember(long MemberId, long ExpertId, string Name, int Position, string Status, string StatusLabel);

/// <param name="Counts">The score counts in the aggregate (its expert is an active member of the panel).</param>
public sealed record MemberScore(long MemberId, string ExpertName, decimal? Total, bool Submitted, string? Comment, bool Counts);

public sealed record ScoreRow(long Id, string ApplicantName, string Status, string StatusLabel, MemberScore[] Scores, int Expected, int Submitted,
    ScoreAggregate Preview, decimal? Score, decimal? ScoreAdjusted, string? AdjustReason, bool DispersionFlag, int? Rank);

public sealed record CallScores(long CallId, string CallTitle, long? DrawId, ReviewSheet Sheet, ScoreMember[] Members, ScoreRow[] Applications);

/// <summary>The bureau's score overview of a call (ADR 0043): per application each expert's total, the live aggregate (trimmed mean, dispersion) and the recorded result.</summary>
public static class GetCallScores
{
    public static async Task<Ok<CallScores>> HandleAsync(long id, ZhichanDb db, CancellationToken ct) => TypedResults.Ok(await LoadAsync(db, id, ct));

    internal static async Task<CallScores> LoadAsync(ZhichanDb db, long callId, CancellationToken ct)
    {
        var call = await ReviewViews.CallAsync(db, callId, ct);
        var sheet = (await ReviewViews.DefinitionAsync(db, call.TypeId, ct)).Scoring;
        var max = ScoringSheet.MaxTotal(sheet);
        var reviewSheet = new ReviewSheet(sheet, max, max * ScoringSheet.CommentBelowShare);
        var draw = await db.Set<ProgrammeDraw>().AsNoTracking().FirstOrDefaultAsync(d => d.CallId == callId && d.Status == DrawLog.Drawn, ct);
        if (draw is null)
        {
            // without a scoring sheet there is no panel: the page lists the applications past the formal check with their state
            if (max > 0) return new CallScores(call.Id, call.Title, null, reviewSheet, [], []);
            string[] past = [.. ApplicationStates.InReview, ApplicationStates.Publicised, ApplicationStates.Approved, ApplicationStates.Refused];
            var checkedApps = await db.Set<ProgrammeApplication>().AsNoTracking().Where(a => a.CallId == callId && past.Contains(a.Status)).OrderBy(a => a.Id).ToListAsync(ct);
            return new CallScores(call.Id, call.Title, null, reviewSheet, [], checkedApps.Select(a => new ScoreRow(a.Id, a.ApplicantName, a.Status,
                ApplicationStates.Machine.StateName(a.Status), [], 0, 0, ScoringSheet.Aggregate([], 0), null, null, null, false, a.Rank)).ToArray());
        }
        var appIds = ReviewViews.InputsOf(draw).ApplicationIds;
        var members = await db.Set<ProgrammePanelMember>().AsNoTracking().Where(m => m.DrawId == draw.Id && m.Status != "waiting").OrderBy(m => m.Position).ToListAsync(ct);
        var expertIds = members.Select(m => m.ExpertId).ToArray();
        var names = await db.Set<Registries.Experts.Expert>().AsNoTracking().Where(e => expertIds.Contains(e.Id)).ToDictionaryAsync(e => e.Id, e => e.Name, ct);
        var memberIds = members.Select(m => m.Id).ToArray();
        var scores = await db.Set<ProgrammeScore>().AsNoTracking().Where(s => appIds.Contains(s.ApplicationId) && memberIds.Contains(s.MemberId)).ToListAsync(ct);
        var apps = await db.Set<ProgrammeApplication>().AsNoTracking().Where(a => appIds.Contains(a.Id)).ToListAsync(ct);
        var active = members.Where(m => m.Status == "active").ToList();
        var rows = apps.OrderBy(a => a.Rank ?? int.MaxValue).ThenBy(a => a.Id).Select(a =>
        {
            var mine = members.Select(m => (m, s: scores.FirstOrDefault(s => s.ApplicationId == a.Id && s.MemberId == m.Id))).Where(x => x.s is not null || x.m.Status == "active")
                .Select(x => new MemberScore(x.m.Id, names[x.m.ExpertId], x.s?.Total, x.s?.SubmittedAt is not null, x.s?.Comment, x.m.Status == "active")).ToArray();
            var counted = mine.Where(x => x.Counts && x.Submitted).Select(x => x.Total!.Value).ToList();
            return new ScoreRow(a.Id, a.ApplicantName, a.Status, ApplicationStates.Machine.StateName(a.Status), mine, active.Count, counted.Count,
                ScoringSheet.Aggregate(counted, max), a.Score, a.ScoreAdjusted, a.AdjustReason, a.DispersionFlag, a.Rank);
        }).ToArray();
        return new CallScores(call.Id, call.Title, draw.Id, reviewSheet,
            members.Select(m => new ScoreMember(m.Id, m.ExpertId, names[m.ExpertId], m.Position, m.Status, DrawLog.StatusLabels[m.Status])).ToArray(), rows);
    }
}
