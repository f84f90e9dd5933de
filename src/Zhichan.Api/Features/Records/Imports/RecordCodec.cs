using System.Buffers;
using System.Collections;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Zhichan.Api.Features.Records.Attribution;
using Zhichan.Api.Features.Records.Search;

namespace Zhichan.Api.Features.Records.Imports;

/// <summary>
/// The records table as the application writes and reads it. <see cref="Walk"/> is the one list of its columns: each
/// with its type, the <see cref="NormalisedRecord"/> field it holds, whether the content hash covers it and how a merge
/// chooses it. Everything else follows from that list: the column names of the COPY and of the select
/// (<see cref="Columns"/>, <see cref="Select"/>), a record's row in binary COPY form (<see cref="Encode"/>), the record
/// back from that row (<see cref="Decode"/>) or from a stored one (<see cref="Read"/>), its <see cref="ContentHash"/>,
/// and the <see cref="Merge"/> of two rows of one right. db/migrations holds the table's history; a test checks this
/// list against the table.
/// </summary>
public static class RecordCodec
{
    /// <summary>
    /// Every column the record fills, in COPY order. Each visitor gets the field by reference: the encoder and the hash
    /// read it, the decoders and the merge set it. The walk is generic over the visitor's struct type, so the JIT
    /// compiles each visitor's walk into the straight-line code one would write by hand for it, without an interface
    /// call per field (the JSON columns call their own writer, reader and hash through <see cref="JsonColumn{T}"/>).
    /// The hashed columns come in the order the content hash has always read them
    /// (the JSON columns after the others): another order would give every stored record a new hash, and the next
    /// import of an unchanged file would rewrite them all.
    /// </summary>
    private static void Walk<V>(NormalisedRecord r, ref V v) where V : IColumnVisitor, allows ref struct
    {
        v.Text("record_key", ref r.RecordKey!, MergeRule.Earlier);
        v.Text("right_type", ref r.RightType!, MergeRule.Later);
        v.Text("office", ref r.Office!, MergeRule.Later);
        v.Text("application_number", ref r.ApplicationNumber);
        v.Date("application_date", ref r.ApplicationDate);
        v.Text("publication_number", ref r.PublicationNumber);
        v.Text("publication_kind", ref r.PublicationKind);
        v.Date("publication_date", ref r.PublicationDate);
        v.Text("grant_number", ref r.GrantNumber);
        v.Date("grant_date", ref r.GrantDate);
        v.Text("title", ref r.Title);
        v.Text("abstract", ref r.Abstract);
        v.Text("claims", ref r.Claims);
        v.Text("first_applicant", ref r.FirstApplicant);
        v.TextArray("applicants", ref r.Applicants);
        v.TextArray("applicant_keys", ref r.ApplicantKeys);
        v.Text("applicant_kind", ref r.ApplicantKind);
        v.TextArray("inventors", ref r.Inventors);
        v.TextArray("agents", ref r.Agents);
        v.Text("agency", ref r.Agency);
        // the region follows the address it was found from: a merge takes all eight from the same row
        v.Text("address", ref r.Address, MergeRule.Region);
        v.Text("postcode", ref r.Postcode, MergeRule.Region);
        v.Text("province_code", ref r.ProvinceCode, MergeRule.Region);
        v.Text("city_code", ref r.CityCode, MergeRule.Region);
        v.Text("county_code", ref r.CountyCode, MergeRule.Region);
        v.Text("region_rule", ref r.RegionRule, MergeRule.Region);
        v.Real("region_confidence", ref r.RegionConfidence, MergeRule.Region);
        v.Text("region_explanation", ref r.RegionExplanation, MergeRule.Region, hashed: false);
        v.Text("ipc_main", ref r.IpcMain);
        v.TextArray("ipc", ref r.Ipc);
        v.TextArray("ipc_classes", ref r.IpcClasses, hashed: false);
        v.TextArray("locarno", ref r.Locarno);
        v.TextArray("nice", ref r.Nice);
        v.TextArray("industry_codes", ref r.IndustryCodes, hashed: false);
        v.Int4Array("tech_fields", ref r.TechFields);
        // derived from the events once a merge has united them
        v.Text("status", ref r.Status, MergeRule.Derived);
        v.Date("status_date", ref r.StatusDate, MergeRule.Derived);
        v.TextArray("priorities", ref r.Priorities);
        // hashed only when present: the hash of every record stored before the column existed stays what it was
        v.Text("family_id", ref r.FamilyId, hashed: r.FamilyId is not null);
        v.Json("parties", ref r.Parties, Parties);
        v.Json("industries", ref r.Industries, Industries);
        v.Json("applicant_regions", ref r.ApplicantRegions, ApplicantRegions, MergeRule.WithApplicants);
        v.Json("events", ref r.Events, Events, MergeRule.Union);
        v.Json("extra", ref r.Extra, Extra, MergeRule.Union);
        // where the row came from: not content, so not hashed
        v.Text("source_format", ref r.SourceFormat, MergeRule.LaterUnlessNull, hashed: false);
        v.Text("source_file", ref r.SourceFile, MergeRule.LaterUnlessNull, hashed: false);
        v.Text("source_ref", ref r.SourceRef, MergeRule.LaterUnlessNull, hashed: false);
        v.SearchText("search_text");
        v.SearchVector("search_vector", "search_codes");
    }

    /// <summary>How a merge chooses a column's value between an earlier and a later row of one right.</summary>
    private enum MergeRule
    {
        /// <summary>The later row's value when it has one (not null, not empty), else the earlier's: corrections replace, gaps keep.</summary>
        Pick,
        /// <summary>The earlier row's (the key).</summary>
        Earlier,
        /// <summary>The later row's.</summary>
        Later,
        /// <summary>The later row's unless it is null.</summary>
        LaterUnlessNull,
        /// <summary>The row whose address gave the region: the later one when it has a region rule.</summary>
        Region,
        /// <summary>The row whose applicants the record keeps: the later one when it names any.</summary>
        WithApplicants,
        /// <summary>Both rows' values together (<see cref="JsonColumn{T}.Union"/>).</summary>
        Union,
        /// <summary>Computed from the merged values once they are all chosen.</summary>
        Derived,
    }

    /// <summary>What <see cref="Walk"/> hands each column to; the names are the table's, the types follow from the method.</summary>
    private interface IColumnVisitor
    {
        void Text(string name, ref string? value, MergeRule merge = MergeRule.Pick, bool hashed = true);
        void Date(string name, ref DateOnly? value, MergeRule merge = MergeRule.Pick);
        /// <summary>A real (float4) column held as a double.</summary>
        void Real(string name, ref double? value, MergeRule merge);
        void TextArray(string name, ref string[] value, bool hashed = true);
        void Int4Array(string name, ref int[] value);
        void Json<T>(string name, ref T value, JsonColumn<T> column, MergeRule merge = MergeRule.Pick) where T : class, ICollection;
        /// <summary>The folded text the phrase check reads, made from the record's fields.</summary>
        void SearchText(string name);
        /// <summary>The search vector and its lexemes' codes, made from the record's fields.</summary>
        void SearchVector(string vectorName, string codesName);
    }

    // ---- the JSON columns ------------------------------------------------------------------------------------------

    /// <summary>Writes a JSON column's value for the COPY (<see cref="JsonColumns"/>: this thread's writer).</summary>
    private delegate ReadOnlySpan<byte> JsonWrite<in T>(JsonColumns json, T value);

    /// <summary>
    /// A JSON column: json (the text, kept as written) or jsonb (only <c>events</c>: queries unnest it); written by hand,
    /// read back by the serializer's generated code, hashed element by element, and — for the two that are united in a
    /// merge — how.
    /// </summary>
    private sealed class JsonColumn<T>(bool jsonb, JsonTypeInfo<T> type, JsonWrite<T> write, Action<StringBuilder, T> hash, Func<T, T, T>? union = null)
        where T : class, ICollection
    {
        public bool Jsonb { get; } = jsonb;
        public JsonTypeInfo<T> Type { get; } = type;
        public JsonWrite<T> Write { get; } = write;
        public Action<StringBuilder, T> Hash { get; } = hash;
        public Func<T, T, T>? Union { get; } = union;
    }

    private static readonly JsonColumn<List<PartyDraft>> Parties = new(false, RecordJson.Columns.ListPartyDraft, static (json, v) => json.Parties(v),
        static (sb, v) => { foreach (var p in v) { HashText.Text(sb, p.Role); HashText.Text(sb, p.Name); HashText.Text(sb, p.Address); HashText.Text(sb, p.Country); HashText.Text(sb, p.Postcode); } });

    private static readonly JsonColumn<List<IndustryShare>> Industries = new(false, RecordJson.Columns.ListIndustryShare, static (json, v) => json.Industries(v),
        static (sb, v) => { foreach (var i in v) { HashText.Text(sb, i.Code); HashText.Real(sb, i.Weight); } });

    /// <summary>The applicants' regions: a region and rule each (their confidence is not content).</summary>
    private static readonly JsonColumn<List<ApplicantRegion>> ApplicantRegions = new(false, RecordJson.Columns.ListApplicantRegion, static (json, v) => json.ApplicantRegions(v),
        static (sb, v) => { foreach (var a in v) { HashText.Text(sb, a.Code); HashText.Text(sb, a.Rule); } });

    /// <summary>The events of both rows, each once, by date (undated last).</summary>
    private static readonly JsonColumn<List<RecordEvent>> Events = new(true, RecordJson.Columns.ListRecordEvent, static (json, v) => json.Events(v),
        static (sb, v) => { foreach (var e in v) { HashText.Text(sb, e.Code); HashText.Date(sb, e.Date); HashText.Text(sb, e.Description); } },
        static (earlier, later) => earlier.Concat(later).Distinct().OrderBy(e => e.Date ?? DateOnly.MaxValue).ToList());

    /// <summary>The source fields of both rows, the later row's value for a field both have; hashed in key order.</summary>
    private static readonly JsonColumn<Dictionary<string, string>> Extra = new(false, RecordJson.Columns.DictionaryStringString, static (json, v) => json.Extra(v),
        static (sb, v) => { if (v.Count > 0) foreach (var (k, x) in v.OrderBy(e => e.Key, StringComparer.Ordinal)) { HashText.Text(sb, k); HashText.Text(sb, x); } },
        static (earlier, later) => new Dictionary<string, string>(earlier.Concat(later).GroupBy(e => e.Key).Select(g => g.Last())));

    // ---- the column lists ------------------------------------------------------------------------------------------

    /// <summary>The columns a COPY of records writes, with their PostgreSQL types: the record's, then the three known only when a batch is written (<see cref="EncodeWriteTime"/>).</summary>
    public static IReadOnlyList<(string Name, string Type)> Columns { get; }

    /// <summary>The columns of a COPY of records, comma-separated.</summary>
    public static string CopyColumns { get; }

    /// <summary>The stored columns <see cref="Read"/> reads, in its order, for a select from <c>records r</c>.</summary>
    public static string Select { get; }

    /// <summary>The number of columns in <see cref="Select"/>: the ordinal of the first column a query selects after them.</summary>
    public static int SelectCount { get; }

    /// <summary>Fields of a COPY row: those <see cref="Encode"/> writes and the three of <see cref="EncodeWriteTime"/>.</summary>
    public static short FieldCount { get; }

    static RecordCodec()
    {
        var names = new ColumnNames([]);
        Walk(new NormalisedRecord(), ref names);
        List<(string, string)> columns = [.. names.Columns, ("source_hashes", "text[]"), ("applicant_entity_ids", "bigint[]"), ("import_id", "bigint")];
        Columns = columns;
        CopyColumns = string.Join(", ", columns.Select(c => c.Item1));
        Select = string.Join(", ", names.Stored.Select(c => "r." + c));
        SelectCount = names.Stored.Count;
        FieldCount = (short)columns.Count;
    }

    /// <summary>The last three fields of a COPY row, known only when the batch is written: the merged source rows' hashes, the applicants' entity ids, the import.</summary>
    public static void EncodeWriteTime(PgBinaryFields f, string[] sourceHashes, List<long> entityIds, long importId)
    {
        f.TextArray(sourceHashes);
        f.Int8Array(entityIds);
        f.Int64(importId);
    }

    private readonly struct ColumnNames(List<(string Name, string Type)> columns) : IColumnVisitor
    {
        public List<(string Name, string Type)> Columns { get; } = columns;
        /// <summary>The columns stored as the record holds them (not those made from it).</summary>
        public List<string> Stored { get; } = [];

        private void Add(string name, string type, bool stored = true)
        {
            Columns.Add((name, type));
            if (stored) Stored.Add(name);
        }

        public void Text(string name, ref string? value, MergeRule merge, bool hashed) => Add(name, "text");
        public void Date(string name, ref DateOnly? value, MergeRule merge) => Add(name, "date");
        public void Real(string name, ref double? value, MergeRule merge) => Add(name, "real");
        public void TextArray(string name, ref string[] value, bool hashed) => Add(name, "text[]");
        public void Int4Array(string name, ref int[] value) => Add(name, "integer[]");
        public void Json<T>(string name, ref T value, JsonColumn<T> column, MergeRule merge) where T : class, ICollection => Add(name, column.Jsonb ? "jsonb" : "json");
        public void SearchText(string name) => Add(name, "text", stored: false);
        public void SearchVector(string vectorName, string codesName)
        {
            Add(vectorName, "tsvector", stored: false);
            Add(codesName, "integer[]", stored: false);
        }
    }

    // ---- encoding ----------------------------------------------------------------------------------------------------

    [ThreadStatic] private static PgBinaryFields? t_fields;

    /// <summary>
    /// The record's fields in binary COPY form, in the order of <see cref="Columns"/> up to the three of
    /// <see cref="EncodeWriteTime"/>: text as UTF-8, dates as days since 2000, arrays with their element type, the events
    /// as jsonb (version 1 + text) and the other JSON columns as json (the text, migration 0026), the search vector in
    /// PostgreSQL's binary tsvector form and its codes. In this thread's buffer, valid until its next call; the record's
    /// CJK search codes are added to <paramref name="known"/>, those it lacked to <paramref name="newCodes"/>.
    /// </summary>
    public static ReadOnlySpan<byte> Encode(NormalisedRecord r, VocabularyCodes? known = null, List<int>? newCodes = null)
    {
        var f = t_fields ??= new PgBinaryFields();
        f.Clear();
        var encoder = new Encoder(f, JsonColumns.Current, r, known, newCodes);
        Walk(r, ref encoder);
        return f.Span;
    }

    private readonly struct Encoder(PgBinaryFields f, JsonColumns json, NormalisedRecord r, VocabularyCodes? known, List<int>? newCodes) : IColumnVisitor
    {
        public void Text(string name, ref string? value, MergeRule merge, bool hashed) => f.Text(value);
        public void Date(string name, ref DateOnly? value, MergeRule merge) => f.Date(value);
        public void Real(string name, ref double? value, MergeRule merge) => f.Real(value is { } v ? (float)v : null);
        public void TextArray(string name, ref string[] value, bool hashed) => f.TextArray(value);
        public void Int4Array(string name, ref int[] value) => f.Int4Array(value);

        public void Json<T>(string name, ref T value, JsonColumn<T> column, MergeRule merge) where T : class, ICollection
        {
            if (column.Jsonb) f.Jsonb(column.Write(json, value));
            else f.Json(column.Write(json, value));
        }

        public void SearchText(string name) => f.Text(RecordCodec.SearchText(r));

        public void SearchVector(string vectorName, string codesName)
        {
            // the tsvector in its binary wire format (COPY's server side reads every field with the column's own type),
            // and the integer codes of its lexemes, the keys of the search index
            var (vector, codes) = SearchVectorAndCodes(r);
            f.Raw(vector);
            f.Int4Array(codes);
            if (known is not null && newCodes is not null) known.AddSorted(codes, newCodes);
        }
    }

    /// <summary>
    /// The record's encoding, content hash and applicants, computed on the thread that normalises it so the database
    /// connection never waits for the CPU while it copies.
    /// </summary>
    /// <param name="rows">where to keep the encoded row: pooled chunks of its batch (the import), else an array of its own</param>
    /// <param name="known">receives the record's CJK search codes (for search_vocabulary, migration 0024); those it
    /// lacked go to <paramref name="newCodes"/></param>
    /// <param name="rowNumber">the source row, for a rejection at write time (<see cref="MojibakeGuard"/>)</param>
    public static PreparedRecord Prepare(NormalisedRecord r, EncodedRows? rows = null, VocabularyCodes? known = null, List<int>? newCodes = null, long rowNumber = 0)
    {
        var encoded = Encode(r, known, newCodes);
        var row = rows is null ? encoded.ToArray() : rows.Add(encoded);
        return new PreparedRecord(r.RecordKey, ContentHash(r), row, RecordApplicants.Of(r)) { RowNumber = rowNumber, Region = RegionFacts.Of(r) };
    }

    // ---- decoding ----------------------------------------------------------------------------------------------------

    /// <summary>The record back from its <see cref="Encode"/> form: the same values as reading the stored row (the region confidence as the stored real).</summary>
    public static NormalisedRecord Decode(ReadOnlySpan<byte> row)
    {
        var r = new NormalisedRecord();
        var decoder = new RowDecoder(new PgBinaryFieldReader(row));
        Walk(r, ref decoder);
        return r;
    }

    private ref struct RowDecoder(PgBinaryFieldReader f) : IColumnVisitor
    {
        private PgBinaryFieldReader _f = f;

        public void Text(string name, ref string? value, MergeRule merge, bool hashed) => value = _f.Text();
        public void Date(string name, ref DateOnly? value, MergeRule merge) => value = _f.Date();
        public void Real(string name, ref double? value, MergeRule merge) => value = _f.Real();
        public void TextArray(string name, ref string[] value, bool hashed) => value = _f.TextArray();
        public void Int4Array(string name, ref int[] value) => value = _f.Int4Array();

        public void Json<T>(string name, ref T value, JsonColumn<T> column, MergeRule merge) where T : class, ICollection =>
            value = JsonSerializer.Deserialize(column.Jsonb ? _f.Jsonb() : _f.Json(), column.Type)!;

        public void SearchText(string name) => _f.Skip();

        public void SearchVector(string vectorName, string codesName)
        {
            _f.Skip();
            _f.Skip();
        }
    }

    /// <summary>A stored record, from a row whose first columns are <see cref="Select"/> (for merges and the record page).</summary>
    public static NormalisedRecord Read(NpgsqlDataReader reader)
    {
        var r = new NormalisedRecord();
        var decoder = new StoredDecoder(reader);
        Walk(r, ref decoder);
        return r;
    }

    private struct StoredDecoder(NpgsqlDataReader r) : IColumnVisitor
    {
        private int _next;

        public void Text(string name, ref string? value, MergeRule merge, bool hashed)
        {
            var i = _next++;
            value = r.IsDBNull(i) ? null : r.GetString(i);
        }

        public void Date(string name, ref DateOnly? value, MergeRule merge)
        {
            var i = _next++;
            value = r.IsDBNull(i) ? null : r.GetFieldValue<DateOnly>(i);
        }

        public void Real(string name, ref double? value, MergeRule merge)
        {
            var i = _next++;
            value = r.IsDBNull(i) ? null : r.GetFloat(i);
        }

        public void TextArray(string name, ref string[] value, bool hashed) => value = r.GetFieldValue<string[]>(_next++);
        public void Int4Array(string name, ref int[] value) => value = r.GetFieldValue<int[]>(_next++);

        public void Json<T>(string name, ref T value, JsonColumn<T> column, MergeRule merge) where T : class, ICollection =>
            value = JsonSerializer.Deserialize(r.GetString(_next++), column.Type)!;

        // made from the record: not selected
        public void SearchText(string name) { }
        public void SearchVector(string vectorName, string codesName) { }
    }

    // ---- the content hash --------------------------------------------------------------------------------------------

    [ThreadStatic] private static StringBuilder? t_hashText;

    /// <summary>
    /// Hash of the content, not of where it came from: the same data re-imported from any file hashes the same.
    /// Every hashed field is fed to SHA-256 with separators (cheaper than serialising the record).
    /// </summary>
    public static string ContentHash(NormalisedRecord r)
    {
        var sb = t_hashText ??= new StringBuilder(2048);
        sb.Clear();
        var hasher = new Hasher(sb);
        Walk(r, ref hasher);
        // one shot over the UTF-8 bytes in a pooled buffer (the same bytes, so the same hash, as hashing them in pieces)
        var max = Encoding.UTF8.GetMaxByteCount(sb.Length);
        var buffer = ArrayPool<byte>.Shared.Rent(max);
        try
        {
            var chars = ArrayPool<char>.Shared.Rent(sb.Length);
            try
            {
                sb.CopyTo(0, chars, sb.Length);
                var n = Encoding.UTF8.GetBytes(chars, 0, sb.Length, buffer, 0);
                Span<byte> hash = stackalloc byte[32];
                SHA256.HashData(buffer.AsSpan(0, n), hash);
                return Convert.ToHexString(hash[..16]);
            }
            finally { ArrayPool<char>.Shared.Return(chars); }
        }
        finally { ArrayPool<byte>.Shared.Return(buffer); }
    }

    private readonly struct Hasher(StringBuilder sb) : IColumnVisitor
    {
        public void Text(string name, ref string? value, MergeRule merge, bool hashed)
        {
            if (hashed) HashText.Text(sb, value);
        }

        public void Date(string name, ref DateOnly? value, MergeRule merge) => HashText.Date(sb, value);
        public void Real(string name, ref double? value, MergeRule merge) => HashText.Real(sb, value);

        public void TextArray(string name, ref string[] value, bool hashed)
        {
            if (hashed) HashText.TextArray(sb, value);
        }

        public void Int4Array(string name, ref int[] value) => HashText.Int4Array(sb, value);
        public void Json<T>(string name, ref T value, JsonColumn<T> column, MergeRule merge) where T : class, ICollection => column.Hash(sb, value);
        public void SearchText(string name) { }
        public void SearchVector(string vectorName, string codesName) { }
    }

    /// <summary>
    /// The text the content hash reads, appended without boxing: null as \u0001, dates as day numbers, doubles
    /// round-trip invariant, array elements each followed by \u0002, every value by \u0000.
    /// </summary>
    private static class HashText
    {
        public static void Text(StringBuilder sb, string? v)
        {
            if (v is null) sb.Append('\u0001'); else sb.Append(v);
            sb.Append('\u0000');
        }

        public static void Date(StringBuilder sb, DateOnly? v)
        {
            if (v is null) sb.Append('\u0001'); else sb.Append(v.Value.DayNumber);
            sb.Append('\u0000');
        }

        public static void Real(StringBuilder sb, double? v)
        {
            if (v is null) sb.Append('\u0001'); else sb.Append(System.Globalization.CultureInfo.InvariantCulture, $"{v.Value:R}");
            sb.Append('\u0000');
        }

        public static void TextArray(StringBuilder sb, string[] a)
        {
            foreach (var e in a) sb.Append(e).Append('\u0002');
            sb.Append('\u0000');
        }

        public static void Int4Array(StringBuilder sb, int[] a)
        {
            foreach (var e in a) sb.Append(e).Append('\u0002');
            sb.Append('\u0000');
        }
    }

    // ---- merging -----------------------------------------------------------------------------------------------------

    /// <summary>
    /// Merges a later source row of the same right into an earlier one: values the later row has replace the earlier's
    /// (corrections), values it lacks are kept (an A publication and the B grant of one application make one record);
    /// events are united and the status re-derived from them. Neither record is changed.
    /// </summary>
    public static NormalisedRecord Merge(NormalisedRecord earlier, NormalisedRecord later)
    {
        var merger = new Merger(Values(earlier), Values(later), regionFromLater: later.RegionRule is not null, laterHasApplicants: later.Applicants.Length > 0);
        var m = new NormalisedRecord();
        Walk(m, ref merger);
        (m.Status, m.StatusDate) = RecordStatus.Derive(m.Events);
        return m;
    }

    /// <summary>The record's fields in walk order (boxed: merges are few).</summary>
    private static List<object?> Values(NormalisedRecord r)
    {
        var collector = new Collector([]);
        Walk(r, ref collector);
        return collector.Values;
    }

    private readonly struct Collector(List<object?> values) : IColumnVisitor
    {
        public List<object?> Values { get; } = values;
        public void Text(string name, ref string? value, MergeRule merge, bool hashed) => Values.Add(value);
        public void Date(string name, ref DateOnly? value, MergeRule merge) => Values.Add(value);
        public void Real(string name, ref double? value, MergeRule merge) => Values.Add(value);
        public void TextArray(string name, ref string[] value, bool hashed) => Values.Add(value);
        public void Int4Array(string name, ref int[] value) => Values.Add(value);
        public void Json<T>(string name, ref T value, JsonColumn<T> column, MergeRule merge) where T : class, ICollection => Values.Add(value);
        public void SearchText(string name) { }
        public void SearchVector(string vectorName, string codesName) { }
    }

    private struct Merger(List<object?> earlier, List<object?> later, bool regionFromLater, bool laterHasApplicants) : IColumnVisitor
    {
        private int _i;

        /// <summary>The next column's earlier and later values.</summary>
        private (T Earlier, T Later) Next<T>()
        {
            var i = _i++;
            return ((T)earlier[i]!, (T)later[i]!);
        }

        private readonly T Choose<T>(MergeRule merge, T earlierValue, T laterValue, bool laterHasValue) => merge switch
        {
            MergeRule.Pick => laterHasValue ? laterValue : earlierValue,
            MergeRule.Earlier => earlierValue,
            MergeRule.Later or MergeRule.Derived => laterValue,
            MergeRule.LaterUnlessNull => laterValue ?? earlierValue,
            MergeRule.Region => regionFromLater ? laterValue : earlierValue,
            MergeRule.WithApplicants => laterHasApplicants ? laterValue : earlierValue,
            _ => throw new InvalidOperationException($"merge rule {merge} needs a column of its own"),
        };

        public void Text(string name, ref string? value, MergeRule merge, bool hashed)
        {
            var (e, l) = Next<string?>();
            value = Choose(merge, e, l, !string.IsNullOrEmpty(l));
        }

        public void Date(string name, ref DateOnly? value, MergeRule merge)
        {
            var (e, l) = Next<DateOnly?>();
            value = Choose(merge, e, l, l.HasValue);
        }

        public void Real(string name, ref double? value, MergeRule merge)
        {
            var (e, l) = Next<double?>();
            value = Choose(merge, e, l, l.HasValue);
        }

        public void TextArray(string name, ref string[] value, bool hashed)
        {
            var (e, l) = Next<string[]>();
            value = Choose(MergeRule.Pick, e, l, l.Length > 0);
        }

        public void Int4Array(string name, ref int[] value)
        {
            var (e, l) = Next<int[]>();
            value = Choose(MergeRule.Pick, e, l, l.Length > 0);
        }

        public void Json<T>(string name, ref T value, JsonColumn<T> column, MergeRule merge) where T : class, ICollection
        {
            var (e, l) = Next<T>();
            value = merge == MergeRule.Union ? column.Union!(e, l) : Choose(merge, e, l, l.Count > 0);
        }

        public void SearchText(string name) { }
        public void SearchVector(string vectorName, string codesName) { }
    }

    // ---- the search columns, made from the record --------------------------------------------------------------------

    /// <summary>The binary search vector and the search codes of its lexemes (<see cref="SearchTokens.VectorAndCodes"/>): title (weight A), parties (B), abstract and claims (C), address (D).</summary>
    public static (byte[] Vector, int[] Codes) SearchVectorAndCodes(NormalisedRecord r) => SearchTokens.VectorAndCodes((r.Title, 'A'), (string.Join(' ', r.Applicants), 'B'),
        (string.Join(' ', r.Inventors), 'B'), (r.Abstract, 'C'), (r.Claims, 'C'), (r.Address, 'D'));

    /// <summary>Folded text for exact phrase checks.</summary>
    public static string SearchText(NormalisedRecord r) =>
        SearchTokens.Fold(string.Join('\n', new[] { r.Title, string.Join(' ', r.Applicants), string.Join(' ', r.Inventors), r.Abstract, r.Claims, r.Address }.Where(s => !string.IsNullOrEmpty(s))));
}
