using Zhichan.Api.Features.Records;

namespace Zhichan.Api.Features.Registries.Entities;

/// <summary>ListEntityRecords: the records linked to an entity (its portfolio), newest filing first, with each link's rule.</summary>
public static class ListEntityRecords
{
    private sealed record Row(long RecordId, string? ApplicationNumber, string? Title, string RightType, DateOnly? ApplicationDate, DateOnly? GrantDate, string? Status,
        string? FirstApplicant, short? Position, string? PartyName, string? Rule, float? Confidence);

    /// <param name="year">filing year</param>
    /// <param name="status">legal status (RecordStatus code)</param>
    public static async Task<Ok<Page<EntityRecordRow>>> HandleAsync(long id, int? year, string? status, int? page, int? pageSize, NpgsqlDataSource db, ZhichanDb ef,
        CurrentUser me, CancellationToken ct)
    {
        var (_, size, offset) = Paging.Of(page, pageSize, 20, 200);
        var v = new Validation();
        if (year is < 1900 or > 2100) v.Add("year", "年份无效");
        if (status is not null) v.OneOf("status", status, RecordStatus.Names.Keys, "法律状态");
        v.ThrowIfInvalid();
        await using var conn = await db.OpenConnectionAsync(ct);
        var (e, _) = await EntityQueries.LoadVisibleAsync(conn, ef, id, me, ct);
        var where = "r.applicant_entity_ids @> ARRAY[@id]::bigint[]"
                    + (year is null ? "" : " AND r.application_date >= make_date(@year, 1, 1) AND r.application_date < make_date(@year + 1, 1, 1)")
                    + (status is null ? "" : " AND r.status = @status");
        var args = new { id = e.Id, year, status, size, offset };
        var total = await conn.ExecuteScalarAsync<long>(new CommandDefinition($"SELECT count(*) FROM records r WHERE {where}", args, cancellationToken: ct));
        var rows = await conn.QueryAsync<Row>(new CommandDefinition($"""
            SELECT r.id AS record_id, r.application_number, r.title, r.right_type, r.application_date, r.grant_date, r.status, r.first_applicant,
                   l.position, l.party_name, l.rule, l.confidence
            FROM records r LEFT JOIN LATERAL (SELECT * FROM entity_links l WHERE l.record_id = r.id AND l.entity_id = @id ORDER BY l.position LIMIT 1) l ON true
            WHERE {where} ORDER BY r.application_date DESC NULLS LAST, r.id DESC LIMIT @size OFFSET @offset
            """, args, cancellationToken: ct));
        return TypedResults.Ok(new Page<EntityRecordRow>(rows.Select(r => new EntityRecordRow(r.RecordId, r.ApplicationNumber, r.Title, r.RightType,
            RightTypes.Names.GetValueOrDefault(r.RightType, r.RightType), r.ApplicationDate, r.GrantDate, r.Status,
            r.Status is null ? null : RecordStatus.Names.GetValueOrDefault(r.Status, r.Status), r.FirstApplicant, r.Position, r.PartyName, r.Rule,
            r.Rule is null ? null : LinkRules.Names.GetValueOrDefault(r.Rule, r.Rule), r.Confidence is null ? null : Math.Round(r.Confidence.Value, 2))).ToList(), total));
    }
}
