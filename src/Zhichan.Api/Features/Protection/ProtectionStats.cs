namespace Zhichan.Api.Features.Protection;

public sealed record ProtectionStatsDto(int? Year, string? Region, int Received, int Accepted, int Closed, int Rejected, int Open, int Overdue,
    double? ClosureRate, double? AverageHandlingDays, double? FastTrackShare, int Surveys, double? AverageSatisfaction, double? SatisfactionRate,
    Dictionary<string, int> ByType);

/// <summary>
/// Indicators for the indicators module (ADR 0201): by year of receipt and region. 结案率 = closed / accepted;
/// average handling days = calendar days from receipt to closure; satisfaction rate = surveys with 4 or 5 points / surveys.
/// </summary>
public static class ProtectionStats
{
    public static async Task<ProtectionStatsDto> ComputeAsync(ZhichanDb db, int? year, string? region, ProtectionClock clock, CancellationToken ct)
    {
        var q = db.Set<Complaint>().AsNoTracking().Where(c => c.MergedIntoId == null);
        if (year is { } y) { var a = new DateOnly(y, 1, 1); var b = new DateOnly(y, 12, 31); q = q.Where(c => c.ReceivedOn >= a && c.ReceivedOn <= b); }
        if (!string.IsNullOrWhiteSpace(region)) { var p = CurrentUser.SignificantPrefix(region.PadRight(6, '0')); q = q.Where(c => c.RegionCode != null && c.RegionCode.StartsWith(p)); }
        var rows = await q.Select(c => new { c.Status, c.Type, c.AcceptedOn, c.ClosedOn, c.ReceivedOn, c.FastTrack, c.Satisfaction, c.AcceptDue, c.DecisionDue }).ToListAsync(ct);
        var cal = await WorkCalendarLoader.LoadAsync(db, ct);
        var today = Deadlines.Today(clock);
        var accepted = rows.Count(r => r.AcceptedOn is not null);
        var closed = rows.Where(r => r.Status == CaseStatus.Closed && r.ClosedOn is not null).ToList();
        var surveys = rows.Where(r => r.Satisfaction is not null).ToList();
        var open = rows.Where(r => CaseStatus.Open.Contains(r.Status)).ToList();
        var overdue = open.Count(r => (r.Status == CaseStatus.Registered && today > r.AcceptDue) || (r.Status != CaseStatus.Registered && r.DecisionDue is { } d && today > d));
        _ = cal;
        return new ProtectionStatsDto(year, region, rows.Count, accepted, closed.Count, rows.Count(r => r.Status == CaseStatus.Rejected), open.Count, overdue,
            accepted == 0 ? null : Math.Round((double)closed.Count / accepted, 4),
            closed.Count == 0 ? null : Math.Round(closed.Average(r => r.ClosedOn!.Value.DayNumber - r.ReceivedOn.DayNumber), 1),
            accepted == 0 ? null : Math.Round((double)rows.Count(r => r.AcceptedOn is not null && r.FastTrack) / accepted, 4),
            surveys.Count, surveys.Count == 0 ? null : Math.Round(surveys.Average(r => r.Satisfaction!.Value), 2),
            surveys.Count == 0 ? null : Math.Round((double)surveys.Count(r => r.Satisfaction >= 4) / surveys.Count, 4),
            rows.GroupBy(r => r.Type).ToDictionary(g => g.Key, g => g.Count()));
    }
}
