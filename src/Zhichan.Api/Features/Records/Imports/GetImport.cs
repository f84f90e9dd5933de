using Zhichan.Api.Features.Records.LegalStatus;

namespace Zhichan.Api.Features.Records.Imports;

/// <param name="Status">queued, running, succeeded (every row imported), completed_with_errors (imported, but some rows were
/// rejected or some files of a package failed: see Rejected and Entries) or failed (nothing imported: see Message).</param>
/// <param name="Entries">The files of a ZIP package, in archive order, each with its state, counts and message; null for another file.</param>
/// <param name="LegalStatus">For a legal-status import (or a package holding one): its events attached to records and still pending.</param>
public sealed record ImportDto(long Id, string FileName, string Format, string? Encoding, string Status, long RowsRead, long Inserted, long Updated,
    long Unchanged, long Rejected, long RejectionCount, int? Percent, string? Message, DateTimeOffset CreatedAt, DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt, long? DurationMs, string? CreatedBy, bool Bulk, IReadOnlyList<ImportEntryDto>? Entries = null,
    LegalStatusCountsDto? LegalStatus = null);

/// <summary>One file of a ZIP package: queued, running, succeeded, failed or skipped, with why.</summary>
public sealed record ImportEntryDto(int Index, string Name, long SizeBytes, string? Format, string Status, long RowsRead, long Inserted, long Updated,
    long Unchanged, long Rejected, string? Message);

/// <summary>The legal-status events an import brought: attached to their records, and pending (their application is not in the records yet).</summary>
public sealed record LegalStatusCountsDto(long Attached, long Pending);

/// <summary>An import's state and progress (the share of the file read while it runs).</summary>
public static class GetImport
{
    /// <summary>An import with its progress and who started it, for <see cref="Read"/>.</summary>
    internal const string Select = """
        SELECT i.id, i.file_name, i.format, i.encoding, i.status, i.rows_read, i.inserted, i.updated, i.unchanged, i.rejected,
               (SELECT count(*) FROM import_rejections r WHERE r.import_id = i.id),
               CASE WHEN i.status IN ('succeeded', 'completed_with_errors') THEN 100 WHEN j.total > 0 THEN (100 * j.progress / j.total)::int ELSE NULL END,
               COALESCE(i.message, j.message), i.created_at, i.started_at, i.finished_at, i.duration_ms, u.username, i.bulk
        FROM imports i LEFT JOIN jobs j ON j.id = i.job_id LEFT JOIN users u ON u.id = i.created_by
        """;

    public static async Task<Ok<ImportDto>> HandleAsync(long id, NpgsqlDataSource db, CancellationToken ct)
    {
        ImportDto dto;
        await using (var cmd = db.CreateCommand(Select + " WHERE i.id = $1"))
        {
            cmd.Parameters.Add(new() { Value = id });
            await using var r = await cmd.ExecuteReaderAsync(ct);
            if (!await r.ReadAsync(ct)) throw new DomainException($"导入任务 {id} 不存在", 404);
            dto = Read(r);
        }
        return TypedResults.Ok((await WithDetailsAsync(db, [dto], ct))[0]);
    }

    internal static ImportDto Read(NpgsqlDataReader r) => new(r.GetInt64(0), r.GetString(1), r.GetString(2), r.IsDBNull(3) ? null : r.GetString(3), r.GetString(4),
        r.GetInt64(5), r.GetInt64(6), r.GetInt64(7), r.GetInt64(8), r.GetInt64(9), r.GetInt64(10), r.IsDBNull(11) ? null : r.GetInt32(11),
        r.IsDBNull(12) ? null : r.GetString(12), r.GetFieldValue<DateTimeOffset>(13), r.IsDBNull(14) ? null : r.GetFieldValue<DateTimeOffset>(14),
        r.IsDBNull(15) ? null : r.GetFieldValue<DateTimeOffset>(15), r.IsDBNull(16) ? null : r.GetInt64(16), r.IsDBNull(17) ? null : r.GetString(17), r.GetBoolean(18));

    /// <summary>The files of the packages among the imports, and the legal-status events of those that brought any (two queries for the list).</summary>
    internal static async Task<List<ImportDto>> WithDetailsAsync(NpgsqlDataSource db, List<ImportDto> imports, CancellationToken ct)
    {
        var ids = imports.Select(i => i.Id).ToArray();
        if (ids.Length == 0) return imports;
        var entries = new Dictionary<long, List<ImportEntryDto>>();
        await using (var cmd = db.CreateCommand("""
            SELECT import_id, entry_index, name, size_bytes, format, status, rows_read, inserted, updated, unchanged, rejected, message
            FROM import_entries WHERE import_id = ANY($1) ORDER BY import_id, entry_index
            """))
        {
            cmd.Parameters.Add(new() { Value = ids });
            await using var r = await cmd.ExecuteReaderAsync(ct);
            while (await r.ReadAsync(ct))
            {
                var id = r.GetInt64(0);
                if (!entries.TryGetValue(id, out var list)) entries[id] = list = [];
                list.Add(new ImportEntryDto(r.GetInt32(1), r.GetString(2), r.GetInt64(3), r.IsDBNull(4) ? null : r.GetString(4), r.GetString(5), r.GetInt64(6),
                    r.GetInt64(7), r.GetInt64(8), r.GetInt64(9), r.GetInt64(10), r.IsDBNull(11) ? null : r.GetString(11)));
            }
        }
        var legal = new Dictionary<long, LegalStatusCountsDto>();
        await using (var cmd = db.CreateCommand("""
            SELECT import_id, count(*) FILTER (WHERE record_id IS NOT NULL), count(*) FILTER (WHERE record_id IS NULL)
            FROM legal_status_events WHERE import_id = ANY($1) GROUP BY import_id
            """))
        {
            cmd.Parameters.Add(new() { Value = ids });
            await using var r = await cmd.ExecuteReaderAsync(ct);
            while (await r.ReadAsync(ct)) legal[r.GetInt64(0)] = new LegalStatusCountsDto(r.GetInt64(1), r.GetInt64(2));
        }
        return [.. imports.Select(i => i with
        {
            Entries = entries.GetValueOrDefault(i.Id),
            LegalStatus = legal.GetValueOrDefault(i.Id) ?? (i.Format == LegalStatusLayout.Format ? new LegalStatusCountsDto(0, 0) : null),
        })];
    }
}
