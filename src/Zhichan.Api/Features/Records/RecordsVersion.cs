namespace Zhichan.Api.Features.Records;

/// <summary>
/// The version of the records' data (ADR 0068): the newest change stamp of a record or tombstone (every write of a record sets
/// its <c>change_xid</c> to its transaction, ADR 0056). It names the data exactly once every transaction up to it has ended —
/// when it is below the snapshot's xmin: a later write then carries a larger stamp, an earlier one can no longer commit.
/// Otherwise (a writer that started earlier may still commit below the newest stamp) there is no version: nothing is cached.
/// Two indexed look-ups (records_change, record_tombstones_change).
/// </summary>
public static class RecordsVersion
{
    private const string Sql = """
        SELECT CASE WHEN v < pg_snapshot_xmin(pg_current_snapshot()) THEN v::text END
        FROM (SELECT GREATEST((SELECT max(COALESCE(change_xid, '0'::xid8)) FROM records), (SELECT max(change_xid) FROM record_tombstones), '0'::xid8) AS v) x
        """;

    /// <summary>The version, or null while it does not name the data yet.</summary>
    public static async Task<string?> ReadAsync(NpgsqlConnection conn, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(Sql, conn);
        return await cmd.ExecuteScalarAsync(ct) as string;
    }
}
