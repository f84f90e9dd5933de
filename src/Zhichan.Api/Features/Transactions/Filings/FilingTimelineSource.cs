using Zhichan.Api.Features.Records;

namespace Zhichan.Api.Features.Transactions.Filings;

/// <summary>The record page's timeline: the filings naming the record's right that the caller may see, dated by 备案 (or submission, or creation).</summary>
public sealed class FilingTimelineSource(ZhichanDb db) : IRecordTimelineSource
{
    public async Task<IReadOnlyList<TimelineEventView>> ForRecordAsync(long recordId, CurrentUser user, CancellationToken ct)
    {
        if (!user.IsAuthenticated) return [];
        var filings = await FilingQueries.Visible(db, user).AsNoTracking()
            .Where(f => db.Set<LicenceFilingRight>().Any(r => r.FilingId == f.Id && r.RecordId == recordId))
            .OrderBy(f => f.Id).Take(50).ToListAsync(ct);
        return filings.Select(f => new TimelineEventView(
            f.ApprovedOn ?? f.SubmittedOn ?? DateOnly.FromDateTime(f.CreatedAt.UtcDateTime), $"filing_{f.Kind}",
            $"{FilingKinds.Names[f.Kind]}合同备案（{FilingStates.Names[f.State]}）",
            f.FilingNumber is { } n ? $"备案号 {n}" : null, "filing", Href: $"/transactions/filings/{f.Id}")).ToList();
    }
}
