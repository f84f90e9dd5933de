namespace Zhichan.Api.Features.Programmes.Review;

/// <summary>Ranks within a call (ADR 0043): by the 会审-adjusted score where there is one, else the panel's score, highest first; equal scores share a rank.</summary>
public static class CallRanking
{
    public static async Task RecomputeAsync(ZhichanDb db, long callId, CancellationToken ct)
    {
        var apps = await db.Set<ProgrammeApplication>().Where(a => a.CallId == callId && a.Score != null).ToListAsync(ct);
        var ordered = apps.OrderByDescending(a => a.ScoreAdjusted ?? a.Score).ThenBy(a => a.Id).ToList();
        for (var i = 0; i < ordered.Count; i++)
            ordered[i].Rank = i > 0 && (ordered[i].ScoreAdjusted ?? ordered[i].Score) == (ordered[i - 1].ScoreAdjusted ?? ordered[i - 1].Score) ? ordered[i - 1].Rank : i + 1;
    }
}
