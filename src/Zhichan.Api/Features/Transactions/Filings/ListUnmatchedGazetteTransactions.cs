namespace Zhichan.Api.Features.Transactions.Filings;

/// <summary>
/// 未备案的公告交易: the CNIPA gazette's transfer and licence events of the records of the caller's jurisdiction (the record's
/// city or county code under the user's region: a district its own, the bureau its city, the operator all) that no filing
/// matches by the rule of ADR 0032 — the transactions of the region that were never filed locally.
/// </summary>
public static class ListUnmatchedGazetteTransactions
{
    public sealed record UnmatchedEvent(long Id, long RecordId, string ApplicationNumber, string? Title, string Holders, DateOnly EventDate, string Kind,
        string KindName, string StatusText, string InfoText, string? RegionCode);

    public static async Task<Ok<Page<UnmatchedEvent>>> HandleAsync(string? kind, int? year, int? page, int? pageSize, NpgsqlDataSource data, CurrentUser me, CancellationToken ct)
    {
        var (_, size, offset) = Paging.Of(page, pageSize, 20, 200);
        if (kind is not null && kind is not ("transfer" or "licence")) throw new RequestValidationException("kind", "类型应为 transfer（转让）或 licence（许可）");
        var prefix = Jurisdiction(me);
        var where = $"""
            WHERE e.kind IN ('transfer', 'licence') AND (@kind::text IS NULL OR e.kind = @kind)
              AND (@year::int IS NULL OR extract(year FROM e.event_date) = @year)
              AND (@prefix::text IS NULL OR r.county_code LIKE @prefix || '%' OR r.city_code LIKE @prefix || '%')
              AND NOT EXISTS (SELECT 1 FROM licence_filing_rights fr JOIN licence_filings f ON f.id = fr.filing_id
                              WHERE fr.number = e.application_number AND {FilingQueries.MatchCondition})
            """;
        await using var conn = await data.OpenConnectionAsync(ct);
        var args = new { kind, year, prefix, offset, size };
        var total = await conn.ExecuteScalarAsync<long>(new CommandDefinition(
            $"SELECT count(*) FROM records_transaction_events e JOIN records r ON r.id = e.record_id {where}", args, cancellationToken: ct));
        var rows = await conn.QueryAsync<Row>(
            new CommandDefinition($"""
                SELECT e.id, e.record_id AS recordid, e.application_number AS applicationnumber, r.title, r.applicants, e.event_date::timestamp AS eventdate, e.kind,
                       e.status_text AS statustext, e.info_text AS infotext, coalesce(r.county_code, r.city_code) AS regioncode
                FROM records_transaction_events e JOIN records r ON r.id = e.record_id {where}
                ORDER BY e.event_date DESC, e.id DESC OFFSET @offset LIMIT @size
                """, args, cancellationToken: ct));
        return TypedResults.Ok(new Page<UnmatchedEvent>(rows.Select(r => new UnmatchedEvent(r.Id, r.RecordId, r.ApplicationNumber, r.Title, string.Join("、", r.Applicants),
            DateOnly.FromDateTime(r.EventDate), r.Kind, FilingQueries.GazetteKindNames[r.Kind], r.StatusText, r.InfoText, r.RegionCode)).ToList(), total));
    }

    private sealed class Row
    {
        public long Id { get; init; }
        public long RecordId { get; init; }
        public string ApplicationNumber { get; init; } = "";
        public string? Title { get; init; }
        public string[] Applicants { get; init; } = [];
        public DateTime EventDate { get; init; }
        public string Kind { get; init; } = "";
        public string StatusText { get; init; } = "";
        public string InfoText { get; init; } = "";
        public string? RegionCode { get; init; }
    }

    /// <summary>The region prefix of the caller's jurisdiction: a district its region, the bureau its unit's region, the operator none (all).</summary>
    internal static string? Jurisdiction(CurrentUser me) =>
        me.Role == Roles.Admin ? null : me.RegionCode is { Length: 6 } rc ? CurrentUser.SignificantPrefix(rc) : me.Role == Roles.Bureau ? null : "-";
}
