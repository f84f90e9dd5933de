using Zhichan.Api.Features.Records;
using static Zhichan.Api.Features.Analysis.Watches.WatchQueries;

namespace Zhichan.Api.Features.Analysis.Watches;

/// <summary>One alert with its evidence: the records it names (public bibliographic data), the legal-status events, the values, the due date.</summary>
public static class GetWatchHit
{
    public static async Task<Ok<WatchHitDetail>> HandleAsync(long hitId, ZhichanDb db, NpgsqlDataSource data, CurrentUser me, CancellationToken ct)
    {
        var h = await db.Set<WatchHit>().AsNoTracking().FirstOrDefaultAsync(x => x.Id == hitId, ct) ?? throw new DomainException($"预警 {hitId} 不存在", 404);
        var w = await Visible(db, me).AsNoTracking().FirstOrDefaultAsync(x => x.Id == h.WatchId, ct) ?? throw new DomainException($"预警 {hitId} 不存在", 404);
        var e = WatchEvidence.Parse(h.Evidence);
        await using var conn = await data.OpenConnectionAsync(ct);
        var records = new List<WatchEvidenceRecord>();
        if (e.RecordIds is { Length: > 0 } ids)
        {
            var rows = await conn.QueryAsync<(long Id, string? ApplicationNumber, string? Title, string? FirstApplicant, DateOnly? ApplicationDate, string? Status)>(new CommandDefinition(
                "SELECT id, application_number, title, first_applicant, application_date, status FROM records WHERE id = ANY(@ids) ORDER BY id", new { ids }, cancellationToken: ct));
            records.AddRange(rows.Select(r => new WatchEvidenceRecord(r.Id, r.ApplicationNumber, r.Title, r.FirstApplicant, r.ApplicationDate, r.Status,
                r.Status is { } s ? RecordStatus.Names.GetValueOrDefault(s, s) : null)));
        }
        var events = new List<WatchEvidenceEvent>();
        if (e.EventIds is { Length: > 0 } eids)
        {
            var rows = await conn.QueryAsync<(long Id, long? RecordId, string ApplicationNumber, DateOnly EventDate, string Code, string StatusText, string InfoText)>(new CommandDefinition(
                "SELECT id, record_id, application_number, event_date, code, status_text, info_text FROM legal_status_events WHERE id = ANY(@eids) ORDER BY event_date, id",
                new { eids }, cancellationToken: ct));
            events.AddRange(rows.Select(r => new WatchEvidenceEvent(r.Id, r.RecordId, r.ApplicationNumber, r.EventDate, r.Code,
                LegalEventCodes.Names.GetValueOrDefault(r.Code, r.Code), r.StatusText, r.InfoText)));
        }
        var note = records.Count < h.ItemCount && e.RecordIds is not null ? $"共 {h.ItemCount} 条，此处列出前 {records.Count} 条" : e.Note;
        return TypedResults.Ok(new WatchHitDetail(HitDto(h, w.Name), records, events, e.Values ?? [], e.DueDate, note));
    }
}
