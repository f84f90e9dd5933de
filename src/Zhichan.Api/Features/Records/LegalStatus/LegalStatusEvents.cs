using System.Text.Json;
using NpgsqlTypes;
using Zhichan.Api.Features.Records.Imports;

namespace Zhichan.Api.Features.Records.LegalStatus;

/// <summary>
/// Legal-status events on their records: attaching the pending ones whose record has arrived, and writing a record's
/// attached events into its <c>events</c> with the status derived from all of them in date order. Only <c>events</c>,
/// <c>status</c> and <c>status_date</c> change — never a bibliographic column. Runs inside the caller's transaction, which
/// holds the <see cref="AdvisoryLocks.RecordWrites"/> lock: a records import merging a stored record reads and writes its
/// events under the same lock, so neither loses the other's.
/// </summary>
public static class LegalStatusEvents
{
    /// <summary>What a record's events became: how many events were attached, how many records changed.</summary>
    public readonly record struct Outcome(int Attached, int RecordsChanged);

    /// <summary>
    /// Attaches the pending events of the given record keys whose record exists now (all pending events when
    /// <paramref name="keys"/> is null) and refreshes those records. Cheap when nothing is pending: one look at an empty
    /// partial index.
    /// </summary>
    public static async Task<Outcome> AttachPendingAsync(NpgsqlConnection conn, NpgsqlTransaction tx, IReadOnlyCollection<string>? keys, CancellationToken ct)
    {
        await using (var any = new NpgsqlCommand("SELECT EXISTS (SELECT 1 FROM legal_status_events WHERE record_id IS NULL)", conn, tx))
            if (!(bool)(await any.ExecuteScalarAsync(ct))!) return default;
        var ids = new HashSet<long>();
        var attached = 0;
        await using (var cmd = new NpgsqlCommand($"""
            UPDATE legal_status_events e SET record_id = r.id, attached_at = now()
            FROM records r
            WHERE e.record_id IS NULL AND r.record_key = e.record_key{(keys is null ? "" : " AND e.record_key = ANY($1)")}
            RETURNING r.id
            """, conn, tx))
        {
            if (keys is not null) cmd.Parameters.Add(new NpgsqlParameter { Value = keys as string[] ?? [.. keys], NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
            await using var r = await cmd.ExecuteReaderAsync(ct);
            while (await r.ReadAsync(ct)) { ids.Add(r.GetInt64(0)); attached++; }
        }
        return new Outcome(attached, ids.Count == 0 ? 0 : await RefreshAsync(conn, tx, ids, ct));
    }

    /// <summary>
    /// Writes each record's attached legal-status events into its <c>events</c> (united with those it has, by date) and
    /// derives its status from them all; returns how many records changed.
    /// </summary>
    public static async Task<int> RefreshAsync(NpgsqlConnection conn, NpgsqlTransaction tx, IReadOnlyCollection<long> recordIds, CancellationToken ct)
    {
        var ids = recordIds as long[] ?? [.. recordIds];
        var legal = new Dictionary<long, List<RecordEvent>>();
        await using (var cmd = new NpgsqlCommand("""
            SELECT record_id, code, event_date, status_text, info_text FROM legal_status_events WHERE record_id = ANY($1) ORDER BY id
            """, conn, tx))
        {
            cmd.Parameters.Add(new NpgsqlParameter { Value = ids });
            await using var r = await cmd.ExecuteReaderAsync(ct);
            while (await r.ReadAsync(ct))
            {
                var id = r.GetInt64(0);
                if (!legal.TryGetValue(id, out var list)) legal[id] = list = [];
                list.Add(AsRecordEvent(r.GetString(1), r.GetFieldValue<DateOnly>(2), r.GetString(3), r.GetString(4)));
            }
        }
        var changed = new List<(long Id, string Events, string Status, DateOnly? StatusDate)>();
        await using (var cmd = new NpgsqlCommand("SELECT id, events::text, status, status_date FROM records WHERE id = ANY($1)", conn, tx))
        {
            cmd.Parameters.Add(new NpgsqlParameter { Value = ids });
            await using var r = await cmd.ExecuteReaderAsync(ct);
            while (await r.ReadAsync(ct))
            {
                var id = r.GetInt64(0);
                var have = JsonSerializer.Deserialize(r.GetString(1), RecordJson.Columns.ListRecordEvent) ?? [];
                var events = Union(have, legal.GetValueOrDefault(id) ?? []);
                var (status, date) = RecordStatus.Derive(events);
                var oldStatus = r.IsDBNull(2) ? null : r.GetString(2);
                DateOnly? oldDate = r.IsDBNull(3) ? null : r.GetFieldValue<DateOnly>(3);
                if (events.Count == have.Count && status == oldStatus && date == oldDate) continue;
                changed.Add((id, JsonSerializer.Serialize(events, RecordJson.Columns.ListRecordEvent), status, date));
            }
        }
        if (changed.Count == 0) return 0;
        await using (var cmd = new NpgsqlCommand("""
            UPDATE records r SET events = u.events::jsonb, status = u.status, status_date = u.status_date, updated_at = now(), change_xid = pg_current_xact_id()
            FROM unnest($1::bigint[], $2::text[], $3::text[], $4::date[]) AS u(id, events, status, status_date)
            WHERE r.id = u.id
            """, conn, tx))
        {
            cmd.Parameters.Add(new NpgsqlParameter { Value = changed.Select(c => c.Id).ToArray() });
            cmd.Parameters.Add(new NpgsqlParameter { Value = changed.Select(c => c.Events).ToArray() });
            cmd.Parameters.Add(new NpgsqlParameter { Value = changed.Select(c => c.Status).ToArray() });
            cmd.Parameters.Add(new NpgsqlParameter { Value = changed.Select(c => c.StatusDate).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Date });
            await cmd.ExecuteNonQueryAsync(ct);
        }
        return changed.Count;
    }

    /// <summary>A gazette event as a record event: its code and date, described by its detail text (or its status when it has none).</summary>
    public static RecordEvent AsRecordEvent(string code, DateOnly date, string statusText, string infoText) =>
        new(code, date, infoText.Length > 0 ? infoText : statusText);

    /// <summary>The events of both lists, each once, by date and within a day in <see cref="LegalEventCodes.DayOrder"/> (undated last).</summary>
    private static List<RecordEvent> Union(List<RecordEvent> have, List<RecordEvent> legal) =>
        [.. have.Concat(legal).Distinct().OrderBy(e => e.Date ?? DateOnly.MaxValue).ThenBy(e => LegalEventCodes.DayOrder(e.Code))];
}
