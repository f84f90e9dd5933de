using System.Text.Json;
using Npgsql;

namespace Zhichan.Api.Features.Records.Imports;

public sealed record BatchOutcome(int Inserted, int Updated, int Unchanged);

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
}

/// <summary>
/// Writes one batch of normalised records inside the caller's transaction (the import job holds an advisory lock, so
/// batches of concurrent imports do not interleave). Rows whose content hash the stored record already holds are
/// unchanged; new keys are copied straight into records with a binary COPY; known keys are merged
/// (<see cref="NormalisedRecord.MergeWith"/>) and updated in place through a temporary table, keeping their id.
/// Applicants are upserted into entities first and linked by id.
/// </summary>
public static class RecordWriter
{
    public static JsonSerializerOptions DocJson => JsonDefaults.Web;

    /// <summary>
    /// The columns of the COPY: first those <see cref="EncodeFields"/> encodes (ahead of the write, on the normalising
    /// threads), then the three known only when the batch is written (merged source hashes, entity ids, import).
    /// </summary>
    private const string Columns = """
        record_key, right_type, office, application_number, application_date, publication_number, publication_kind, publication_date,
        grant_number, grant_date, title, abstract, claims, first_applicant, applicants, applicant_keys, applicant_kind, inventors, agents, agency,
        address, postcode, province_code, city_code, county_code, region_rule, region_confidence, region_explanation, ipc_main, ipc, ipc_classes,
        locarno, nice, industries, industry_codes, tech_fields, events, status, status_date, priorities, search_text,
        source_format, source_file, source_ref, parties, extra, search_vector, search_codes, applicant_regions, source_hashes, applicant_entity_ids, import_id
        """;

    /// <summary>Fields per row: the 49 encoded ahead and the 3 added at write time.</summary>
    private const short FieldCount = 52;

    /// <param name="newCodes">the CJK search codes of <paramref name="incoming"/> that search_vocabulary lacks, as the caller
    /// found them with a <see cref="VocabularyCodes"/> loaded from the table (<see cref="NormalisedRecord.Prepare"/> fills
    /// it): every writer of records keeps the vocabulary complete this way</param>
    /// <param name="metrics">the import's, when it is one: the time of each step is added to it</param>
    public static async Task<BatchOutcome> WriteAsync(NpgsqlConnection conn, NpgsqlTransaction tx, long importId,
        IReadOnlyList<NormalisedRecord> incoming, IReadOnlyList<int> newCodes, CancellationToken ct, WriteSession? session = null, ImportMetrics? metrics = null)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        void Lap(WriterStep step)
        {
            metrics?.Add(step, clock.ElapsedMilliseconds);
            clock.Restart();
        }
        // merge duplicates inside the batch first
        var byKey = new Dictionary<string, (NormalisedRecord Rec, List<string> Hashes)>(StringComparer.Ordinal);
        foreach (var r in incoming)
        {
            var h = r.PreparedHash ?? r.ContentHash();
            if (byKey.TryGetValue(r.RecordKey, out var prev))
            {
                if (!prev.Hashes.Contains(h)) { prev.Hashes.Add(h); byKey[r.RecordKey] = (prev.Rec.MergeWith(r), prev.Hashes); }
            }
            else byKey[r.RecordKey] = (r, [h]);
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
        var inserts = new List<(NormalisedRecord Rec, string[] Hashes)>();
        var toMerge = new List<string>();
        var unchanged = 0;
        foreach (var (key, (rec, hashes)) in byKey)
        {
            if (!stored.TryGetValue(key, out var have)) inserts.Add((rec, hashes.ToArray()));
            else if (hashes.All(have.Contains)) unchanged++;
            else toMerge.Add(key);
        }
        var merges = new List<(NormalisedRecord Rec, string[] Hashes)>();
        if (toMerge.Count > 0)
        {
            await using var cmd = new NpgsqlCommand($"SELECT {RecordColumns.Select}, source_hashes FROM records r WHERE record_key = ANY($1)", conn, tx);
            cmd.Parameters.Add(new NpgsqlParameter { Value = toMerge.ToArray() });
            await using var r = await cmd.ExecuteReaderAsync(ct);
            while (await r.ReadAsync(ct))
            {
                var existing = RecordColumns.Read(r);
                var (rec, hashes) = byKey[existing.RecordKey];
                merges.Add((existing.MergeWith(rec), r.GetFieldValue<string[]>(RecordColumns.Count).Union(hashes).ToArray()));
            }
        }
        Lap(WriterStep.Lookup);
        if (inserts.Count == 0 && merges.Count == 0) return new BatchOutcome(0, 0, unchanged);

        var entityIds = await ResolveEntitiesAsync(conn, tx, inserts.Concat(merges).Select(x => x.Rec), session, ct);
        Lap(WriterStep.Entities);

        // the codes of a merged record are those of the stored one (in the vocabulary already) or of the incoming one
        await AddVocabularyAsync(conn, tx, newCodes, ct);
        if (inserts.Count > 0) Copy(conn, $"COPY records ({Columns}) FROM STDIN (FORMAT BINARY)", inserts, entityIds, importId);
        Lap(WriterStep.Insert);

        if (merges.Count > 0)
        {
            await using (var c = new NpgsqlCommand("CREATE TEMP TABLE IF NOT EXISTS records_merge ON COMMIT DELETE ROWS AS SELECT * FROM records WITH NO DATA", conn, tx))
                await c.ExecuteNonQueryAsync(ct);
            Copy(conn, $"COPY records_merge ({Columns}) FROM STDIN (FORMAT BINARY)", merges, entityIds, importId);
            var set = string.Join(", ", Columns.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                .Where(c => c != "record_key").Select(c => $"{c} = m.{c}"));
            await using var u = new NpgsqlCommand($"UPDATE records r SET {set}, updated_at = now() FROM records_merge m WHERE r.record_key = m.record_key", conn, tx);
            await u.ExecuteNonQueryAsync(ct);
        }
        Lap(WriterStep.Merge);
        if (session is not null)
        {
            session.LastMaxId = await MaxIdAsync(conn, tx, ct);
            if (session.Written.Count + byKey.Count > WriteSession.MaxRemembered) session.OnlyOwnKeys = false;
            else session.Written.UnionWith(byKey.Keys);
        }
        return new BatchOutcome(inserts.Count, merges.Count, unchanged);
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
    /// Upserts the applicants as entities (one per matching key) and returns key → id. Within a run, an entity resolved
    /// by an earlier batch is not sent again unless this batch can give it the region it lacked.
    /// </summary>
    private static async Task<Dictionary<string, long>> ResolveEntitiesAsync(NpgsqlConnection conn, NpgsqlTransaction tx, IEnumerable<NormalisedRecord> records,
        WriteSession? session, CancellationToken ct)
    {
        var names = new Dictionary<string, (string Name, string Kind, string? Region)>(StringComparer.Ordinal);
        foreach (var r in records)
        {
            var kinds = r.PreparedKinds ?? r.ApplicantKinds();
            for (var i = 0; i < r.ApplicantKeys.Length && i < r.Applicants.Length; i++)
            {
                if (r.ApplicantKeys[i].Length == 0) continue;
                var region = i < r.ApplicantRegions.Count ? r.ApplicantRegions[i] : null;
                // an entity's region comes from an address when any row gives one, else from its name
                if (names.TryGetValue(r.ApplicantKeys[i], out var had) && (had.Region is not null || region?.Code is null || !region.Rule.StartsWith("address", StringComparison.Ordinal))) continue;
                names[r.ApplicantKeys[i]] = (r.Applicants[i], kinds[i], region?.Code);
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
        await using (var c = new NpgsqlCommand("SELECT match_key, id, region_code IS NOT NULL FROM entities WHERE match_key = ANY($1)", conn, tx))
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

    private static void Copy(NpgsqlConnection conn, string copy, List<(NormalisedRecord Rec, string[] Hashes)> rows,
        Dictionary<string, long> entityIds, long importId)
    {
        // the row's fields were encoded ahead (NormalisedRecord.Prepare) where possible: the COPY only appends the bytes
        using var w = new PgBinaryCopy(conn, copy);
        var tail = Tail ??= new PgBinaryFields();
        var ids = new List<long>(4);
        foreach (var (r, hashes) in rows)
        {
            w.StartRow(FieldCount);
            w.Write(r.PreparedFields is { } prepared ? prepared.Span : EncodeFields(r));
            tail.Clear();
            tail.TextArray(hashes);
            ids.Clear();
            foreach (var k in r.ApplicantKeys) if (entityIds.TryGetValue(k, out var id)) ids.Add(id);
            tail.Int8Array(ids);
            tail.Int64(importId);
            w.Write(tail.Span);
        }
        w.Complete();
    }

    [ThreadStatic] private static PgBinaryFields? Tail;
    [ThreadStatic] private static PgBinaryFields? Encoder;

    /// <summary>
    /// The record's fields in binary COPY form, in the order of <see cref="Columns"/> up to applicant_regions: text as
    /// UTF-8, dates as days since 2000, arrays with their element type, the events as jsonb (version 1 + text) and the
    /// other JSON columns as json (the text, migration 0026), the search
    /// vector in PostgreSQL's binary tsvector form and its codes.
    /// </summary>
    internal static byte[] EncodeFields(NormalisedRecord r, VocabularyCodes? known = null, List<int>? newCodes = null) => Encode(r, known, newCodes).ToArray();

    /// <summary>
    /// <see cref="EncodeFields"/> in this thread's buffer, valid until its next call; the record's CJK search codes are
    /// added to <paramref name="known"/>, those it lacked to <paramref name="newCodes"/>.
    /// </summary>
    internal static ReadOnlySpan<byte> Encode(NormalisedRecord r, VocabularyCodes? known = null, List<int>? newCodes = null)
    {
        var f = Encoder ??= new PgBinaryFields();
        var json = JsonColumns.Current;
        f.Clear();
        f.Text(r.RecordKey); f.Text(r.RightType); f.Text(r.Office); f.Text(r.ApplicationNumber);
        f.Date(r.ApplicationDate); f.Text(r.PublicationNumber); f.Text(r.PublicationKind); f.Date(r.PublicationDate);
        f.Text(r.GrantNumber); f.Date(r.GrantDate); f.Text(r.Title); f.Text(r.Abstract); f.Text(r.Claims);
        f.Text(r.FirstApplicant); f.TextArray(r.Applicants); f.TextArray(r.ApplicantKeys); f.Text(r.ApplicantKind); f.TextArray(r.Inventors);
        f.TextArray(r.Agents); f.Text(r.Agency);
        f.Text(r.Address); f.Text(r.Postcode); f.Text(r.ProvinceCode); f.Text(r.CityCode); f.Text(r.CountyCode); f.Text(r.RegionRule);
        f.Real(r.RegionConfidence is { } conf ? (float)conf : null);
        f.Text(r.RegionExplanation); f.Text(r.IpcMain); f.TextArray(r.Ipc); f.TextArray(r.IpcClasses); f.TextArray(r.Locarno); f.TextArray(r.Nice);
        f.Json(json.Industries(r.Industries));
        f.TextArray(r.IndustryCodes);
        f.Int4Array(r.TechFields);
        f.Jsonb(json.Events(r.Events));
        f.Text(r.Status); f.Date(r.StatusDate); f.TextArray(r.Priorities);
        f.Text(r.SearchText);
        f.Text(r.SourceFormat); f.Text(r.SourceFile); f.Text(r.SourceRef);
        f.Json(json.Parties(r.Parties));
        f.Json(json.Extra(r.Extra));
        // the tsvector in its binary wire format (COPY's server side reads every field with the column's own type), and
        // the integer codes of its lexemes, the keys of the search index
        var (vector, codes) = r.SearchVectorAndCodes();
        f.Raw(vector);
        f.Int4Array(codes);
        if (known is not null && newCodes is not null) known.AddSorted(codes, newCodes);
        f.Json(json.ApplicantRegions(r.ApplicantRegions));
        return f.Span;
    }

    /// <summary>
    /// The record back from its <see cref="EncodeFields"/> form (for <see cref="NormalisedRecord.Full"/>): the same values
    /// as reading the stored row (the region confidence as the stored real).
    /// </summary>
    internal static NormalisedRecord DecodeFields(ReadOnlySpan<byte> fields)
    {
        var f = new PgBinaryFieldReader(fields);
        var r = new NormalisedRecord { RecordKey = f.Text()!, RightType = f.Text()!, Office = f.Text()! };
        r.ApplicationNumber = f.Text(); r.ApplicationDate = f.Date(); r.PublicationNumber = f.Text(); r.PublicationKind = f.Text(); r.PublicationDate = f.Date();
        r.GrantNumber = f.Text(); r.GrantDate = f.Date(); r.Title = f.Text(); r.Abstract = f.Text(); r.Claims = f.Text();
        r.FirstApplicant = f.Text(); r.Applicants = f.TextArray(); r.ApplicantKeys = f.TextArray(); r.ApplicantKind = f.Text(); r.Inventors = f.TextArray();
        r.Agents = f.TextArray(); r.Agency = f.Text();
        r.Address = f.Text(); r.Postcode = f.Text(); r.ProvinceCode = f.Text(); r.CityCode = f.Text(); r.CountyCode = f.Text(); r.RegionRule = f.Text();
        r.RegionConfidence = f.Real();
        r.RegionExplanation = f.Text(); r.IpcMain = f.Text(); r.Ipc = f.TextArray(); r.IpcClasses = f.TextArray(); r.Locarno = f.TextArray(); r.Nice = f.TextArray();
        r.Industries = JsonSerializer.Deserialize(f.Json(), RecordJson.Columns.ListIndustryShare)!;
        r.IndustryCodes = f.TextArray();
        r.TechFields = f.Int4Array();
        r.Events = JsonSerializer.Deserialize(f.Jsonb(), RecordJson.Columns.ListRecordEvent)!;
        r.Status = f.Text(); r.StatusDate = f.Date(); r.Priorities = f.TextArray();
        f.Skip(); // search text (derived)
        r.SourceFormat = f.Text(); r.SourceFile = f.Text(); r.SourceRef = f.Text();
        r.Parties = JsonSerializer.Deserialize(f.Json(), RecordJson.Columns.ListPartyDraft)!;
        r.Extra = JsonSerializer.Deserialize(f.Json(), RecordJson.Columns.DictionaryStringString)!;
        f.Skip(); // search vector (derived)
        f.Skip(); // search codes (derived)
        r.ApplicantRegions = JsonSerializer.Deserialize(f.Json(), RecordJson.Columns.ListApplicantRegion)!;
        return r;
    }
}
