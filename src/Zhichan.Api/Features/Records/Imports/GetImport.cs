namespace Zhichan.Api.Features.Records.Imports;

public sealed record ImportDto(long Id, string FileName, string Format, string? Encoding, string Status, long RowsRead, long Inserted, long Updated,
    long Unchanged, long Rejected, long RejectionCount, int? Percent, string? Message, DateTimeOffset CreatedAt, DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt, long? DurationMs, string? CreatedBy, bool Bulk);

/// <summary>An import's state and progress (the share of the file read while it runs).</summary>
public static class GetImport
{
    /// <summary>An import with its progress and who started it, for <see cref="Read"/>.</summary>
    internal const string Select = """
        SELECT i.id, i.file_name, i.format, i.encoding, i.status, i.rows_read, i.inserted, i.updated, i.unchanged, i.rejected,
               (SELECT count(*) FROM import_rejections r WHERE r.import_id = i.id),
               CASE WHEN i.status = 'succeeded' THEN 100 WHEN j.total > 0 THEN (100 * j.progress / j.total)::int ELSE NULL END,
               COALESCE(i.message, j.message), i.created_at, i.started_at, i.finished_at, i.duration_ms, u.username, i.bulk
        FROM imports i LEFT JOIN jobs j ON j.id = i.job_id LEFT JOIN users u ON u.id = i.created_by
        """;

    public static async Task<Ok<ImportDto>> HandleAsync(long id, NpgsqlDataSource db, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand(Select + " WHERE i.id = $1");
        cmd.Parameters.Add(new() { Value = id });
        await using var r = await cmd.ExecuteReaderAsync(ct);
        if (!await r.ReadAsync(ct)) throw new DomainException($"导入任务 {id} 不存在", 404);
        return TypedResults.Ok(Read(r));
    }

    internal static ImportDto Read(NpgsqlDataReader r) => new(r.GetInt64(0), r.GetString(1), r.GetString(2), r.IsDBNull(3) ? null : r.GetString(3), r.GetString(4),
        r.GetInt64(5), r.GetInt64(6), r.GetInt64(7), r.GetInt64(8), r.GetInt64(9), r.GetInt64(10), r.IsDBNull(11) ? null : r.GetInt32(11),
        r.IsDBNull(12) ? null : r.GetString(12), r.GetFieldValue<DateTimeOffset>(13), r.IsDBNull(14) ? null : r.GetFieldValue<DateTimeOffset>(14),
        r.IsDBNull(15) ? null : r.GetFieldValue<DateTimeOffset>(15), r.IsDBNull(16) ? null : r.GetInt64(16), r.IsDBNull(17) ? null : r.GetString(17), r.GetBoolean(18));
}
