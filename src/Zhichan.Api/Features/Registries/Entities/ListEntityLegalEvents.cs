using Zhichan.Api.Features.Records;

namespace Zhichan.Api.Features.Registries.Entities;

/// <summary>ListEntityLegalEvents: the CNIPA legal-status events (授权, 转让, 质押, 终止 …) of the entity's records, newest first.</summary>
public static class ListEntityLegalEvents
{
    private sealed record Row(long Id, long RecordId, string? ApplicationNumber, string? Title, DateOnly EventDate, string Code, string StatusText, string InfoText);

    public static async Task<Ok<Page<EntityLegalEventRow>>> HandleAsync(long id, int? page, int? pageSize, NpgsqlDataSource db, ZhichanDb ef, CurrentUser me,
        CancellationToken ct)
    {
        var (_, size, offset) = Paging.Of(page, pageSize, 20, 200);
        await using var conn = await db.OpenConnectionAsync(ct);
        var (e, _) = await EntityQueries.LoadVisibleAsync(conn, ef, id, me, ct);
        const string from = "FROM legal_status_events ev JOIN records r ON r.id = ev.record_id WHERE ev.record_id IS NOT NULL AND r.applicant_entity_ids @> ARRAY[@id]::bigint[]";
        var args = new { id = e.Id, size, offset };
        var total = await conn.ExecuteScalarAsync<long>(new CommandDefinition($"SELECT count(*) {from}", args, cancellationToken: ct));
        var rows = await conn.QueryAsync<Row>(new CommandDefinition($"""
            SELECT ev.id, ev.record_id, r.application_number, r.title, ev.event_date, ev.code, ev.status_text, ev.info_text
            {from} ORDER BY ev.event_date DESC, ev.id DESC LIMIT @size OFFSET @offset
            """, args, cancellationToken: ct));
        return TypedResults.Ok(new Page<EntityLegalEventRow>(rows.Select(r => new EntityLegalEventRow(r.Id, r.RecordId, r.ApplicationNumber, r.Title, r.EventDate, r.Code,
            LegalEventCodes.Names.GetValueOrDefault(r.Code, r.Code), r.StatusText, r.InfoText)).ToList(), total));
    }
}
