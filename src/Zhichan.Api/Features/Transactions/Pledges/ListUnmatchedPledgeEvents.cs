using static Zhichan.Api.Features.Transactions.Pledges.PledgeQueries;

namespace Zhichan.Api.Features.Transactions.Pledges;

/// <summary>
/// The gazette's pledge events (质押生效、变更、注销 of the legal-status data) that no pledge of the register matches by the rule of
/// ADR 0033 — the pledges the bureau does not know of yet (bureau), newest first, by year and code.
/// </summary>
public static class ListUnmatchedPledgeEvents
{
    public static async Task<Ok<Page<GazetteEventDto>>> HandleAsync(int? year, string? code, int? page, int? pageSize, NpgsqlDataSource db, CancellationToken ct)
    {
        var (_, size, offset) = Paging.Of(page, pageSize, 20, 200);
        var v = new Validation().OneOf("code", code, GazetteCodes.Keys, "事件类别");
        if (year is < 1985 or > 2100) v.Add("year", "年度应在 1985–2100 之间");
        v.ThrowIfInvalid();
        var where = $"""
            g.kind = 'pledge' AND (@year::int IS NULL OR extract(year FROM g.event_date) = @year) AND (@code::text IS NULL OR g.code = @code)
            AND NOT EXISTS (SELECT 1 FROM pledges p WHERE {GazetteMatch})
            """;
        var args = new { year, code, offset, size };
        await using var conn = await db.OpenConnectionAsync(ct);
        var total = await conn.ExecuteScalarAsync<long>(new CommandDefinition($"SELECT count(*) FROM records_transaction_events g WHERE {where}", args, cancellationToken: ct));
        var rows = await conn.QueryAsync<GetPledge.GazetteRow>(new CommandDefinition($"""
            SELECT g.id, g.record_id, g.application_number, g.event_date, g.code, g.status_text, g.info_text, NULL::bigint AS pledge_id
            FROM records_transaction_events g WHERE {where} ORDER BY g.event_date DESC, g.id DESC OFFSET @offset LIMIT @size
            """, args, cancellationToken: ct));
        return TypedResults.Ok(new Page<GazetteEventDto>(rows.Select(r => r.ToDto()).ToList(), total));
    }
}
