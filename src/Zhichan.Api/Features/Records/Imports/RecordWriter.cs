using Zhichan.Api.Features.Records.Attribution;

namespace Zhichan.Api.Features.Records.Imports;

/// <param name="Garbled">Rows not written because they would have replaced stored Chinese text with garbled text (<see cref="MojibakeGuard"/>).</param>
public sealed record BatchOutcome(int Inserted, int Updated, int Unchanged, IReadOnlyList<Rejection>? Garbled = null);

/// <summary>
/// What one run of an import has learnt across its batches, so later batches skip work: the entity ids it resolved,
/// and — when the records table was empty at its first batch and nobody else has inserted since (the largest id is
/// still the one this run left) — which record keys exist at all, so keys it never wrote need no look-up.
/// </summary>
public sealed class WriteSession
{
    /// <summary>Beyond this many keys the run stops remembering them and looks every key up again.</summary>
    public const int MaxRemembered = 2_000_000;

    internal bool Started;
    internal bool OnlyOwnKeys;
    internal long LastMaxId;
    internal readonly HashSet<string> Written = new(StringComparer.Ordinal);
    internal readonly Dictionary<string, (long Id, bool HasRegion)> Entities = new(StringComparer.Ordinal);

    /// <summary>Keys looked up in the table, and keys known absent without a look-up, over the run (for tests and logs).</summary>
    public long LookedUp { get; internal set; }
    public long Skipped { get; internal set; }

    /// <summary>Entities sent to the database (new, or gaining a region), and taken from what earlier batches resolved.</summary>
    public long EntitiesSent { get; internal set; }
    public long EntitiesKnown { get; internal set; }

    /// <summary>The region columns of each record the run wrote, by key, once <see cref="KeepRegions"/> asked for them; null when not kept.</summary>
    internal Dictionary<string, RegionFacts>? Regions;

    /// <summary>Keep the region columns of what the run writes, as long as it is the table's only writer (ADR 0071).</summary>
    public void KeepRegions() => Regions = new(StringComparer.Ordinal);

    /// <summary>
    /// The region columns of every record in the table, when the run wrote them all: it started on an empty table, nobody
    /// else inserted between its batches, and it kept them (<see cref="KeepRegions"/>); null otherwise.
    /// </summary>
    public IReadOnlyDictionary<string, RegionFacts>? OwnRegions => Started && OnlyOwnKeys ? Regions : null;
}

/// <summary>
/// Writes one batch of prepared records inside the caller's transaction (the import job holds an advisory lock, so
/// batches of concurrent imports do not interleave). Rows whose content hashes are the last the stored record merged are
/// unchanged; new keys are copied straight into records with a binary COPY; known keys are merged
/// (<see cref="RecordCodec.Merge"/>) and updated in place through a temporary table, keeping their id.
/// Applicants are upserted into entities first and linked by id.
/// </summary>
public static class RecordWriter
{
    /// <summary>The UPDATE's assignments from the merge table: every column of the COPY but the key.</summary>
    private static readonly string MergeSet = string.Join(", ", RecordCodec.Columns.Where(c => c.Name != "record_key").Select(c => $"{c.Name} = m.{c.Name}"));

    /// <param name="newCodes">the CJK search codes of <paramref name="incoming"/> that search_vocabulary lacks, as the caller
    /// found them with a <see cref="VocabularyCodes"/> loaded from the table (<see cref="RecordCodec.Prepare"/> fills
    /// it): every writer of records keeps the vocabulary complete this way</param>
    /// <param name="metrics">the import's, when it is one: the time of each step is added to it</param>
    public static async Task<BatchOutcome> WriteAsync(NpgsqlConnection conn, NpgsqlTransaction tx, long importId,
        IReadOnlyList<PreparedRecord> incoming, IReadOnlyList<int> newCodes, CancellationToken ct, WriteSession? session = null, ImportMetrics? metrics = null)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        void Lap(WriterStep step)
        {
            metrics?.Add(step, clock.ElapsedMilliseconds);
            clock.Restart();
        }
        // merge duplicates inside the batch first
        var byKey = new Dictionary<string, (PreparedRecord First, NormalisedRecord? Merged, List<string> Hashes)>(StringComparer.Ordinal);
        foreach (var r in incoming)
        {
            if (byKey.TryGetValue(r.RecordKey, out var prev))
            {
                if (!prev.Hashes.Contains(r.ContentHash))
                {
                    prev.Hashes.Add(r.ContentHash);
                    byKey[r.RecordKey] = (prev.First, RecordCodec.Merge(prev.Merged ?? prev.First.Decode(), r.Decode()), prev.Hashes);
                }
            }
            else byKey[r.RecordKey] = (r, null, [r.ContentHash]);
        }

        // what is stored already: every key, or — while this run is the only writer of a table that was empty at its
        // first batch (the caller holds the import lock, so nobody writes between this check and the commit) — only
        // the keys this run has written before
        var lookUp = byKey.Keys.ToArray();
        if (session is not null)
        {
            var maxId = await MaxIdAsync(conn, tx, ct);
            if (!session.Started) { session.Started = true; session.OnlyOwnKeys = maxId == 0; }
            else if (maxId != session.LastMaxId) session.OnlyOwnKeys = false;
            if (session.OnlyOwnKeys)
            {
                lookUp = lookUp.Where(session.Written.Contains).ToArray();
                session.Skipped += byKey.Count - lookUp.Length;
            }
            session.LookedUp += lookUp.Length;
        }
        var stored = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (lookUp.Length > 0)
        {
            await using var cmd = new NpgsqlCommand("SELECT record_key, source_hashes FROM records WHERE record_key = ANY($1)", conn, tx);
            cmd.Parameters.Add(new NpgsqlParameter { Value = lookUp });
            await using var r = await cmd.ExecuteReaderAsync(ct);
            while (await r.ReadAsync(ct)) stored[r.GetString(0)] = r.GetFieldValue<string[]>(1);
        }
        var inserts = new List<CopyRow>();
        var toMerge = new List<string>();
        var unchanged = 0;
        foreach (var (key, (first, merged, hashes)) in byKey)
        {
            if (!stored.TryGetValue(key, out var have)) inserts.Add(merged is null ? CopyRow.Of(first, hashes.ToArray()) : CopyRow.Of(merged, hashes.ToArray()));
            // the same rows as the last ones merged into the record, in the same order: nothing can change. Rows merged
            // before others were (an earlier file re-imported after a later one) are merged again: the later ones may
            // have changed what they gave (ADR 0021)
            else if (IsTail(have, hashes)) unchanged++;
            else toMerge.Add(key);
        }
        var merges = new List<CopyRow>();
        List<Rejection>? garbled = null;
        if (toMerge.Count > 0)
        {
            await using var cmd = new NpgsqlCommand($"SELECT {RecordCodec.Select}, source_hashes FROM records r WHERE record_key = ANY($1)", conn, tx);
            cmd.Parameters.Add(new NpgsqlParameter { Value = toMerge.ToArray() });
            await using var r = await cmd.ExecuteReaderAsync(ct);
            while (await r.ReadAsync(ct))
            {
                var existing = RecordCodec.Read(r);
                var (first, merged, hashes) = byKey[existing.RecordKey];
                var incomingRecord = merged ?? first.Decode();
                var result = RecordCodec.Merge(existing, incomingRecord);
                if (MojibakeGuard.Check(existing, result, first.RowNumber) is { } rejected)
                {
                    (garbled ??= []).Add(rejected);
                    continue;
                }
                var storedHashes = r.GetFieldValue<string[]>(RecordCodec.SelectCount);
                if (hashes.All(storedHashes.Contains) && RecordCodec.ContentHash(result) == RecordCodec.ContentHash(existing))
                {
                    unchanged++; // merged again, to the same content
                    continue;
                }
                // the hashes in the order their rows were merged: these rows are now the last
                merges.Add(CopyRow.Of(result, [.. storedHashes.Except(hashes), .. hashes]));
            }
        }
        Lap(WriterStep.Lookup);
        if (inserts.Count == 0 && merges.Count == 0) return new BatchOutcome(0, 0, unchanged, garbled);

        var entityIds = await ResolveEntitiesAsync(conn, tx, inserts.Concat(merges).Select(x => x.Applicants), session, ct);
        Lap(WriterStep.Entities);

        // the codes of a merged record are those of the stored one (in the vocabulary already) or of the incoming one
        await AddVocabularyAsync(conn, tx, newCodes, ct);
        if (inserts.Count > 0) Copy(conn, $"COPY records ({RecordCodec.CopyColumns}) FROM STDIN (FORMAT BINARY)", inserts, entityIds, importId);
        Lap(WriterStep.Insert);

        if (merges.Count > 0)
        {
            await using (var c = new NpgsqlCommand("CREATE TEMP TABLE IF NOT EXISTS records_merge ON COMMIT DELETE ROWS AS SELECT * FROM records WITH NO DATA", conn, tx))
                await c.ExecuteNonQueryAsync(ct);
            Copy(conn, $"COPY records_merge ({RecordCodec.CopyColumns}) FROM STDIN (FORMAT BINARY)", merges, entityIds, importId);
            await using var u = new NpgsqlCommand($"UPDATE records r SET {MergeSet}, updated_at = now(), change_xid = pg_current_xact_id() FROM records_merge m WHERE r.record_key = m.record_key", conn, tx);
            await u.ExecuteNonQueryAsync(ct);
            // a person's decision about a party of a stored record (a correction the bureau accepted, a manual link) outlives
            // the file that merges into it: the record's entity ids are those decisions again (ADR 0023)
            await using var pins = new NpgsqlCommand("""
                UPDATE records r SET applicant_entity_ids = entity_resolved_ids(r.id, r.applicant_keys), change_xid = pg_current_xact_id()
                FROM records_merge m WHERE r.record_key = m.record_key AND EXISTS (SELECT 1 FROM entity_pins p WHERE p.record_id = r.id)
                """, conn, tx);
            await pins.ExecuteNonQueryAsync(ct);
        }
        Lap(WriterStep.Merge);
        if (session is not null)
        {
            session.LastMaxId = await MaxIdAsync(conn, tx, ct);
            if (session.Written.Count + byKey.Count > WriteSession.MaxRemembered) session.OnlyOwnKeys = false;
            else session.Written.UnionWith(byKey.Keys);
            if (session.Regions is { } regions)
            {
                if (!session.OnlyOwnKeys) session.Regions = null;
                else foreach (var row in inserts.Concat(merges)) regions[row.Key] = row.Region;
            }
        }
        return new BatchOutcome(inserts.Count, merges.Count, unchanged, garbled);
    }

    /// <summary>Whether <paramref name="hashes"/> are, in order, the last of the record's <paramref name="stored"/> hashes.</summary>
    private static bool IsTail(string[] stored, List<string> hashes) =>
        stored.Length >= hashes.Count && stored.AsSpan(stored.Length - hashes.Count).SequenceEqual(hashes.ToArray());

    /// <summary>A row for the COPY: its encoded fields, its applicants (for their entity ids) and the hashes of the source rows merged into it.</summary>
    private readonly record struct CopyRow(string Key, ReadOnlyMemory<byte> Fields, RecordApplicants Applicants, string[] Hashes, RegionFacts Region)
    {
        /// <summary>A prepared record as it is: encoded on the normalising thread.</summary>
        public static CopyRow Of(PreparedRecord r, string[] hashes) => new(r.RecordKey, r.Row, r.Applicants, hashes, r.Region);

        /// <summary>A merged record, encoded now.</summary>
        public static CopyRow Of(NormalisedRecord r, string[] hashes) => new(r.RecordKey, RecordCodec.Encode(r).ToArray(), RecordApplicants.Of(r), hashes, RegionFacts.Of(r));
    }

    /// <summary>
    /// Adds codes search_vocabulary lacks (migration 0024), in the batch's transaction: a record is never visible
    /// without its codes there.
    /// </summary>
    private static async Task AddVocabularyAsync(NpgsqlConnection conn, NpgsqlTransaction tx, IReadOnlyList<int> codes, CancellationToken ct)
    {
        if (codes.Count == 0) return;
        await using var ins = new NpgsqlCommand("INSERT INTO search_vocabulary (code) SELECT unnest($1::int[])", conn, tx);
        ins.Parameters.Add(new NpgsqlParameter { Value = codes as int[] ?? [.. codes] });
        await ins.ExecuteNonQueryAsync(ct);
    }

    private static async Task<long> MaxIdAsync(NpgsqlConnection conn, NpgsqlTransaction tx, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("SELECT COALESCE(max(id), 0) FROM records", conn, tx);
        return (long)(await cmd.ExecuteScalarAsync(ct))!;
    }

    /// <summary>
    /// Upserts the applicants as entities (one per matching key) and returns key → id (the entity a redirect row points to,
    /// for a key that is a former name, an alias or a merged entity's: ADR 0023). Within a run, an entity resolved
    /// by an earlier batch is not sent again unless this batch can give it the region it lacked.
    /// </summary>
    private static async Task<Dictionary<string, long>> ResolveEntitiesAsync(NpgsqlConnection conn, NpgsqlTransaction tx, IEnumerable<RecordApplicants> records,
        WriteSession? session, CancellationToken ct)
    {
        var names = new Dictionary<string, (string Name, string Kind, string? Region)>(StringComparer.Ordinal);
        foreach (var r in records)
        {
            for (var i = 0; i < r.Keys.Length && i < r.Names.Length; i++)
            {
                if (r.Keys[i].Length == 0) continue;
                var region = i < r.Regions.Count ? r.Regions[i] : null;
                // an entity's region comes from an address when any row gives one, else from its name
                if (names.TryGetValue(r.Keys[i], out var had) && (had.Region is not null || region?.Code is null || !region.Rule.StartsWith("address", StringComparison.Ordinal))) continue;
                names[r.Keys[i]] = (r.Names[i], r.Kinds[i], region?.Code);
            }
        }
        var ids = new Dictionary<string, long>(StringComparer.Ordinal);
        if (session is not null)
            foreach (var key in names.Keys.ToArray())
                if (session.Entities.TryGetValue(key, out var known) && (known.HasRegion || names[key].Region is null))
                {
                    ids[key] = known.Id;
                    names.Remove(key);
                    session.EntitiesKnown++;
                }
        if (session is not null) session.EntitiesSent += names.Count;
        if (names.Count == 0) return ids;
        var keys = names.Keys.ToArray();
        await using (var c = new NpgsqlCommand("""
            INSERT INTO entities (match_key, name, kind, region_code) SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[])
            ON CONFLICT (match_key) DO UPDATE SET region_code = EXCLUDED.region_code
            WHERE entities.region_code IS NULL AND EXCLUDED.region_code IS NOT NULL
            """, conn, tx))
        {
            c.Parameters.Add(new NpgsqlParameter { Value = keys });
            c.Parameters.Add(new NpgsqlParameter { Value = keys.Select(k => names[k].Name).ToArray() });
            c.Parameters.Add(new NpgsqlParameter { Value = keys.Select(k => names[k].Kind).ToArray() });
            c.Parameters.Add(new NpgsqlParameter { Value = keys.Select(k => names[k].Region).ToArray() });
            await c.ExecuteNonQueryAsync(ct);
        }
        // a key that is a former name, an alias or a merged entity's resolves to the entity it redirects to (ADR 0023)
        await using (var c = new NpgsqlCommand("SELECT match_key, COALESCE(merged_into, id), region_code IS NOT NULL FROM entities WHERE match_key = ANY($1)", conn, tx))
        {
            c.Parameters.Add(new NpgsqlParameter { Value = keys });
            await using var r = await c.ExecuteReaderAsync(ct);
            while (await r.ReadAsync(ct))
            {
                ids[r.GetString(0)] = r.GetInt64(1);
                if (session is not null && session.Entities.Count < WriteSession.MaxRemembered) session.Entities[r.GetString(0)] = (r.GetInt64(1), r.GetBoolean(2));
            }
        }
        return ids;
    }

    private static void Copy(NpgsqlConnection conn, string copy, List<CopyRow> rows, Dictionary<string, long> entityIds, long importId)
    {
        // the row's fields were encoded ahead (RecordCodec.Prepare) where possible: the COPY only appends the bytes
        using var w = new PgBinaryCopy(conn, copy);
        var tail = Tail ??= new PgBinaryFields();
        var ids = new List<long>(4);
        foreach (var row in rows)
        {
            w.StartRow(RecordCodec.FieldCount);
            w.Write(row.Fields.Span);
            tail.Clear();
            ids.Clear();
            foreach (var k in row.Applicants.Keys) if (entityIds.TryGetValue(k, out var id)) ids.Add(id);
            RecordCodec.EncodeWriteTime(tail, row.Hashes, ids, importId);
            w.Write(tail.Span);
        }
        w.Complete();
    }

    [ThreadStatic] private static PgBinaryFields? Tail;
}
