using System.Text;

namespace Zhichan.Api.Features.Portal.Open;

/// <summary>A changed record's public bibliographic fields (the whole record: <c>GetOpenRecord</c>).</summary>
public sealed record OpenRecordChange(long Id, bool Deleted, string RecordKey, string? RightType, string? ApplicationNumber, DateOnly? ApplicationDate,
    string? PublicationNumber, DateOnly? PublicationDate, string? GrantNumber, DateOnly? GrantDate, string? Title, string[]? Applicants, string[]? Inventors,
    string? RegionCode, string? IpcMain, string[]? Ipc, string? Status, DateOnly? StatusDate, DateTimeOffset? UpdatedAt);

/// <param name="NextCursor">Where the next call continues (always present: keep it even when nothing came).</param>
/// <param name="HasMore">True when more changes were ready than the page held: call again at once; false: caught up, call again later.</param>
public sealed record OpenRecordChanges(IReadOnlyList<OpenRecordChange> Items, string NextCursor, bool HasMore);

/// <summary>
/// Incremental sync of all records by a change cursor (ADR 0056). Each record carries the id of the transaction that last
/// wrote it (<c>change_xid</c>); only rows written by transactions older than every one still running
/// (<c>pg_snapshot_xmin</c>) are handed out, in (xid, id) order, so a transaction committing late can never slip behind a
/// cursor already given out: no gap, and no row twice unless it changed again. Deleted records come as tombstones.
/// </summary>
public static class SyncOpenRecords
{
    public const int DefaultLimit = 500, MaxLimit = 2000;

    public static async Task<Ok<OpenRecordChanges>> HandleAsync(string? cursor, int? limit, NpgsqlDataSource db, CancellationToken ct)
    {
        if (limit is < 1 or > MaxLimit) throw new RequestValidationException("limit", $"每次条数应在 1 至 {MaxLimit} 之间");
        var n = limit ?? DefaultLimit;
        var (xid, id) = cursor is null ? (0UL, 0L) : Decode(cursor);
        const string sql = """
            WITH bound AS (SELECT pg_snapshot_xmin(pg_current_snapshot()) AS xmin)
            SELECT x::text, id, deleted, record_key, right_type, application_number, application_date, publication_number, publication_date, grant_number,
                   grant_date, title, applicants, inventors, region, ipc_main, ipc, status, status_date, updated_at
            FROM (
                (SELECT COALESCE(r.change_xid, '0'::xid8) AS x, r.id, false AS deleted, r.record_key, r.right_type, r.application_number, r.application_date,
                        r.publication_number, r.publication_date, r.grant_number, r.grant_date, r.title, r.applicants, r.inventors,
                        COALESCE(r.county_code, r.city_code, r.province_code) AS region, r.ipc_main, r.ipc, r.status, r.status_date, r.updated_at
                 FROM records r, bound
                 WHERE (COALESCE(r.change_xid, '0'::xid8), r.id) > ($1::text::xid8, $2) AND COALESCE(r.change_xid, '0'::xid8) < bound.xmin
                 ORDER BY COALESCE(r.change_xid, '0'::xid8), r.id LIMIT $3)
                UNION ALL
                (SELECT t.change_xid, t.record_id, true, t.record_key, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, t.deleted_at
                 FROM record_tombstones t, bound
                 WHERE (t.change_xid, t.record_id) > ($1::text::xid8, $2) AND t.change_xid < bound.xmin
                 ORDER BY t.change_xid, t.record_id LIMIT $3)
            ) c ORDER BY x, id LIMIT $3
            """;
        var items = new List<OpenRecordChange>(n);
        await using (var cmd = db.CreateCommand(sql))
        {
            cmd.Parameters.Add(new NpgsqlParameter { Value = xid.ToString(System.Globalization.CultureInfo.InvariantCulture) });
            cmd.Parameters.Add(new NpgsqlParameter { Value = id });
            cmd.Parameters.Add(new NpgsqlParameter { Value = n });
            await using var r = await cmd.ExecuteReaderAsync(ct);
            while (await r.ReadAsync(ct))
            {
                xid = ulong.Parse(r.GetString(0), System.Globalization.CultureInfo.InvariantCulture);
                id = r.GetInt64(1);
                items.Add(new OpenRecordChange(id, r.GetBoolean(2), r.GetString(3), S(r, 4), S(r, 5), D(r, 6), S(r, 7), D(r, 8), S(r, 9), D(r, 10), S(r, 11),
                    A(r, 12), A(r, 13), S(r, 14), S(r, 15), A(r, 16), S(r, 17), D(r, 18), r.IsDBNull(19) ? null : r.GetFieldValue<DateTimeOffset>(19)));
            }
        }
        return TypedResults.Ok(new OpenRecordChanges(items, Encode(xid, id), items.Count == n));
    }

    private static string? S(NpgsqlDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);
    private static DateOnly? D(NpgsqlDataReader r, int i) => r.IsDBNull(i) ? null : r.GetFieldValue<DateOnly>(i);
    private static string[]? A(NpgsqlDataReader r, int i) => r.IsDBNull(i) ? null : r.GetFieldValue<string[]>(i);

    /// <summary>The opaque cursor: base64url of "xid:id" of the last change handed out.</summary>
    public static string Encode(ulong xid, long id) =>
        Convert.ToBase64String(Encoding.ASCII.GetBytes($"{xid}:{id}")).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static (ulong Xid, long Id) Decode(string cursor)
    {
        try
        {
            var s = cursor.Replace('-', '+').Replace('_', '/');
            s = s.PadRight(s.Length + (4 - s.Length % 4) % 4, '=');
            var parts = Encoding.ASCII.GetString(Convert.FromBase64String(s)).Split(':');
            if (parts.Length != 2) throw new FormatException();
            return (ulong.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture), long.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture));
        }
        catch (Exception e) when (e is FormatException or OverflowException)
        {
            throw new RequestValidationException("cursor", "同步游标无效：请使用上次答复中的 nextCursor，或不带游标从头同步");
        }
    }
}
