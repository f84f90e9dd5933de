using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Zhichan.Api.Features.Records.Attribution;
using Zhichan.Api.Features.Records.Normalisation;
using Zhichan.Api.Features.Records.Search;

namespace Zhichan.Api.Features.Records;

/// <summary>A rejected value: the source row, the field, the value and why (Chinese, for the rejection report).</summary>
public sealed record Rejection(long RowNumber, string Field, string? Value, string Reason);

/// <summary>A record ready to be written: canonical values, attribution, search text. One row of the records table.</summary>
public sealed class NormalisedRecord
{
    public required string RecordKey { get; init; }
    public required string RightType { get; set; }
    public string Office { get; init; } = "CN";
    public string? ApplicationNumber { get; set; }
    public DateOnly? ApplicationDate { get; set; }
    public string? PublicationNumber { get; set; }
    public string? PublicationKind { get; set; }
    public DateOnly? PublicationDate { get; set; }
    public string? GrantNumber { get; set; }
    public DateOnly? GrantDate { get; set; }
    public string? Title { get; set; }
    public string? Abstract { get; set; }
    public string? Claims { get; set; }
    public string? FirstApplicant { get; set; }
    public string[] Applicants { get; set; } = [];
    public string[] ApplicantKeys { get; set; } = [];
    public string? ApplicantKind { get; set; }
    public string[] Inventors { get; set; } = [];
    public string[] Agents { get; set; } = [];
    public string? Agency { get; set; }
    public List<PartyDraft> Parties { get; set; } = [];
    public string? Address { get; set; }
    public string? Postcode { get; set; }
    public string? ProvinceCode { get; set; }
    public string? CityCode { get; set; }
    public string? CountyCode { get; set; }
    public string? RegionRule { get; set; }
    public double? RegionConfidence { get; set; }
    public string? RegionExplanation { get; set; }
    /// <summary>Region of every applicant, in the order of <see cref="Applicants"/> (ADR 0008: all-applicants attribution).</summary>
    public List<ApplicantRegion> ApplicantRegions { get; set; } = [];
    public string? IpcMain { get; set; }
    public string[] Ipc { get; set; } = [];
    public string[] IpcClasses { get; set; } = [];
    public string[] Locarno { get; set; } = [];
    public string[] Nice { get; set; } = [];
    public List<IndustryShare> Industries { get; set; } = [];
    public string[] IndustryCodes { get; set; } = [];
    public int[] TechFields { get; set; } = [];
    public List<RecordEvent> Events { get; set; } = [];
    public string? Status { get; set; }
    public DateOnly? StatusDate { get; set; }
    public string[] Priorities { get; set; } = [];
    public Dictionary<string, string> Extra { get; set; } = [];
    public string? SourceFormat { get; set; }
    public string? SourceFile { get; set; }
    public string? SourceRef { get; set; }

    /// <summary>
    /// Computes what the writer needs besides the fields (the row's COPY encoding with its search vector and JSON, the
    /// content hash, the applicants' kinds) on the thread that normalises, so the database connection never waits for
    /// the CPU while it copies.
    /// </summary>
    /// <param name="rows">where to keep the encoded row: pooled chunks of its batch (the import), else an array of its own</param>
    /// <param name="known">receives the record's CJK search codes (for search_vocabulary, migration 0024); those it
    /// lacked go to <paramref name="newCodes"/></param>
    public void Prepare(Imports.EncodedRows? rows = null, Imports.VocabularyCodes? known = null, List<int>? newCodes = null)
    {
        PreparedFields = rows is null ? Imports.RecordWriter.EncodeFields(this, known, newCodes) : rows.Add(Imports.RecordWriter.Encode(this, known, newCodes));
        PreparedHash = ContentHash();
        PreparedKinds = ApplicantKinds();
    }

    /// <summary>
    /// After <see cref="Prepare"/>: keeps only what the writer reads besides the encoded row (the key, the applicants
    /// for the entities) and lets the rest go, so a batch waiting for the writer holds a few objects a record instead of
    /// about a hundred (each of which the garbage collector would otherwise copy twice: 2.5 CPU-seconds an import of
    /// the 2017 file). <see cref="Full"/> restores the record from the encoded row when it has to be merged.
    /// </summary>
    public void Compact()
    {
        if (PreparedFields is null) throw new InvalidOperationException("Compact() needs Prepare() first");
        IsCompact = true;
        Title = Abstract = Claims = FirstApplicant = Agency = Address = Postcode = RegionExplanation = IpcMain = null;
        ApplicationNumber = PublicationNumber = PublicationKind = GrantNumber = SourceRef = null;
        Inventors = Agents = Ipc = IpcClasses = Locarno = Nice = IndustryCodes = Priorities = [];
        Parties = []; Industries = []; Events = []; Extra = []; TechFields = [];
    }

    /// <summary>True once <see cref="Compact"/> has dropped the fields; <see cref="Full"/> gives them back.</summary>
    [System.Text.Json.Serialization.JsonIgnore] public bool IsCompact { get; private set; }

    /// <summary>This record with every field: itself, or — when compacted — decoded from its prepared row.</summary>
    public NormalisedRecord Full() => IsCompact ? Imports.RecordWriter.DecodeFields(PreparedFields!.Value.Span) : this;

    public string[] ApplicantKinds()
    {
        var kinds = new string[Applicants.Length];
        for (var i = 0; i < kinds.Length; i++)
            // the matching key is the name's NormaliseForMatching form, which the classification reads
            kinds[i] = i < ApplicantKeys.Length ? ApplicantName.Classify(Applicants[i], ApplicantKeys[i], RegionRule == RegionRules.Foreign)
                : ApplicantName.Classify(Applicants[i], RegionRule == RegionRules.Foreign);
        return kinds;
    }

    [System.Text.Json.Serialization.JsonIgnore] public string[]? PreparedKinds { get; private set; }

    /// <summary>The row's fields in binary COPY form (<see cref="Imports.RecordWriter.EncodeFields"/>).</summary>
    [System.Text.Json.Serialization.JsonIgnore] public ReadOnlyMemory<byte>? PreparedFields { get; private set; }
    [System.Text.Json.Serialization.JsonIgnore] public string? PreparedHash { get; private set; }

    /// <summary>The search vector in PostgreSQL's binary tsvector format, for COPY (<see cref="SearchTokens.VectorBinary"/>).</summary>
    public byte[] SearchVectorBinary() => SearchVectorAndCodes().Vector;

    /// <summary>The binary search vector and the search codes of its lexemes (<see cref="SearchTokens.VectorAndCodes"/>).</summary>
    public (byte[] Vector, int[] Codes) SearchVectorAndCodes() => SearchTokens.VectorAndCodes((Title, 'A'), (string.Join(' ', Applicants), 'B'),
        (string.Join(' ', Inventors), 'B'), (Abstract, 'C'), (Claims, 'C'), (Address, 'D'));

    /// <summary>The tsvector literal: title (weight A), parties (B), abstract and claims (C), address (D).</summary>
    public string SearchVector() => SearchTokens.Vector((Title, 'A'), (string.Join(' ', Applicants), 'B'), (string.Join(' ', Inventors), 'B'),
        (Abstract, 'C'), (Claims, 'C'), (Address, 'D'));

    /// <summary>Folded text for exact phrase checks.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public string SearchText => SearchTokens.Fold(string.Join('\n', new[] { Title, string.Join(' ', Applicants), string.Join(' ', Inventors), Abstract, Claims, Address }.Where(s => !string.IsNullOrEmpty(s))));

    /// <summary>
    /// Merges a later source row of the same right into this one: values the later row has replace ours (corrections),
    /// values it lacks are kept (an A publication and the B grant of one application make one record); events are united
    /// and the status re-derived from them.
    /// </summary>
    public NormalisedRecord MergeWith(NormalisedRecord later)
    {
        if (IsCompact) return Full().MergeWith(later);
        later = later.Full();
        static T? Pick<T>(T? later, T? earlier) where T : class => later is string s && s.Length == 0 ? earlier : later ?? earlier;
        static T? PickV<T>(T? later, T? earlier) where T : struct => later ?? earlier;
        static T[] PickA<T>(T[] later, T[] earlier) => later.Length > 0 ? later : earlier;
        var m = new NormalisedRecord
        {
            RecordKey = RecordKey,
            RightType = later.RightType,
            Office = later.Office,
            ApplicationNumber = Pick(later.ApplicationNumber, ApplicationNumber),
            ApplicationDate = PickV(later.ApplicationDate, ApplicationDate),
            PublicationNumber = Pick(later.PublicationNumber, PublicationNumber),
            PublicationKind = Pick(later.PublicationKind, PublicationKind),
            PublicationDate = PickV(later.PublicationDate, PublicationDate),
            GrantNumber = Pick(later.GrantNumber, GrantNumber),
            GrantDate = PickV(later.GrantDate, GrantDate),
            Title = Pick(later.Title, Title),
            Abstract = Pick(later.Abstract, Abstract),
            Claims = Pick(later.Claims, Claims),
            FirstApplicant = Pick(later.FirstApplicant, FirstApplicant),
            Applicants = PickA(later.Applicants, Applicants),
            ApplicantRegions = later.Applicants.Length > 0 ? later.ApplicantRegions : ApplicantRegions,
            ApplicantKeys = PickA(later.ApplicantKeys, ApplicantKeys),
            ApplicantKind = Pick(later.ApplicantKind, ApplicantKind),
            Inventors = PickA(later.Inventors, Inventors),
            Agents = PickA(later.Agents, Agents),
            Agency = Pick(later.Agency, Agency),
            Parties = later.Parties.Count > 0 ? later.Parties : Parties,
            Ipc = PickA(later.Ipc, Ipc),
            IpcMain = Pick(later.IpcMain, IpcMain),
            IpcClasses = PickA(later.IpcClasses, IpcClasses),
            Industries = later.Industries.Count > 0 ? later.Industries : Industries,
            IndustryCodes = PickA(later.IndustryCodes, IndustryCodes),
            TechFields = PickA(later.TechFields, TechFields),
            Locarno = PickA(later.Locarno, Locarno),
            Nice = PickA(later.Nice, Nice),
            Priorities = PickA(later.Priorities, Priorities),
            Extra = new Dictionary<string, string>(Extra.Concat(later.Extra).GroupBy(e => e.Key).Select(g => g.Last())),
            SourceFormat = later.SourceFormat ?? SourceFormat,
            SourceFile = later.SourceFile ?? SourceFile,
            SourceRef = later.SourceRef ?? SourceRef,
            Events = Events.Concat(later.Events).Distinct().OrderBy(e => e.Date ?? DateOnly.MaxValue).ToList(),
        };
        // the region follows the address that was used
        var regionFrom = later.RegionRule is not null ? later : this;
        m.Address = regionFrom.Address; m.Postcode = regionFrom.Postcode;
        m.ProvinceCode = regionFrom.ProvinceCode; m.CityCode = regionFrom.CityCode; m.CountyCode = regionFrom.CountyCode;
        m.RegionRule = regionFrom.RegionRule; m.RegionConfidence = regionFrom.RegionConfidence; m.RegionExplanation = regionFrom.RegionExplanation;
        (m.Status, m.StatusDate) = RecordStatus.Derive(m.Events);
        return m;
    }

    /// <summary>
    /// Hash of the content, not of where it came from: the same data re-imported from any file hashes the same.
    /// Every stored field is fed to SHA-256 with separators (cheaper than serialising the record).
    /// </summary>
    public string ContentHash()
    {
        var sb = t_hashText ??= new StringBuilder(2048);
        sb.Clear();
        // typed appends (no boxing); the text is the same as before: null \u0001, dates as day numbers, doubles
        // round-trip invariant, array elements each followed by \u0002, every value by \u0000
        void S(string? v) { if (v is null) sb.Append('\u0001'); else sb.Append(v); sb.Append('\u0000'); }
        void D(DateOnly? v) { if (v is null) sb.Append('\u0001'); else sb.Append(v.Value.DayNumber); sb.Append('\u0000'); }
        void X(double? v) { if (v is null) sb.Append('\u0001'); else sb.Append(System.Globalization.CultureInfo.InvariantCulture, $"{v.Value:R}"); sb.Append('\u0000'); }
        void A(string[] a) { foreach (var e in a) sb.Append(e).Append('\u0002'); sb.Append('\u0000'); }
        void I(int[] a) { foreach (var e in a) sb.Append(e).Append('\u0002'); sb.Append('\u0000'); }
        S(RecordKey); S(RightType); S(Office); S(ApplicationNumber); D(ApplicationDate); S(PublicationNumber); S(PublicationKind); D(PublicationDate);
        S(GrantNumber); D(GrantDate); S(Title); S(Abstract); S(Claims); S(FirstApplicant); A(Applicants); A(ApplicantKeys); S(ApplicantKind);
        A(Inventors); A(Agents); S(Agency); S(Address); S(Postcode); S(ProvinceCode); S(CityCode); S(CountyCode); S(RegionRule); X(RegionConfidence);
        S(IpcMain); A(Ipc); A(Locarno); A(Nice); I(TechFields); S(Status); D(StatusDate); A(Priorities);
        foreach (var p in Parties) { S(p.Role); S(p.Name); S(p.Address); S(p.Country); S(p.Postcode); }
        foreach (var i in Industries) { S(i.Code); X(i.Weight); }
        foreach (var a in ApplicantRegions) { S(a.Code); S(a.Rule); }
        foreach (var e in Events) { S(e.Code); D(e.Date); S(e.Description); }
        if (Extra.Count > 0) foreach (var (k, v) in Extra.OrderBy(e => e.Key, StringComparer.Ordinal)) { S(k); S(v); }
        // one shot over the UTF-8 bytes in a pooled buffer (the same bytes, so the same hash, as hashing them in pieces)
        var max = Encoding.UTF8.GetMaxByteCount(sb.Length);
        var buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(max);
        try
        {
            var chars = System.Buffers.ArrayPool<char>.Shared.Rent(sb.Length);
            try
            {
                sb.CopyTo(0, chars, sb.Length);
                var n = Encoding.UTF8.GetBytes(chars, 0, sb.Length, buffer, 0);
                Span<byte> hash = stackalloc byte[32];
                SHA256.HashData(buffer.AsSpan(0, n), hash);
                return Convert.ToHexString(hash[..16]);
            }
            finally { System.Buffers.ArrayPool<char>.Shared.Return(chars); }
        }
        finally { System.Buffers.ArrayPool<byte>.Shared.Return(buffer); }
    }

    [ThreadStatic] private static StringBuilder? t_hashText;

}

public static class JsonDefaults
{
    public static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);
}

/// <summary>
/// The record's JSON columns, serialised by generated code (the import writes five per record) with the web defaults,
/// CJK text written as UTF-8 rather than \u escapes (half the bytes, and less for the server to decode into jsonb).
/// </summary>
[System.Text.Json.Serialization.JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[System.Text.Json.Serialization.JsonSerializable(typeof(List<IndustryShare>))]
[System.Text.Json.Serialization.JsonSerializable(typeof(List<RecordEvent>))]
[System.Text.Json.Serialization.JsonSerializable(typeof(List<PartyDraft>))]
[System.Text.Json.Serialization.JsonSerializable(typeof(Dictionary<string, string>))]
[System.Text.Json.Serialization.JsonSerializable(typeof(List<ApplicantRegion>))]
internal sealed partial class RecordJson : System.Text.Json.Serialization.JsonSerializerContext
{
    public static RecordJson Columns { get; } = new(new JsonSerializerOptions(JsonSerializerDefaults.Web)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });
}

public sealed record RecordEvent(string Code, DateOnly? Date, string? Description);

/// <summary>
/// Where one applicant is: Code is the most specific region code (county, else city, else province) or null; Rule is
/// "address:{rule}" for the address given with the applicant, "name:{rule}" when the applicant's own name begins with a
/// province or city (江苏恒瑞医药…, 连云港…有限公司), "foreign", or "none".
/// </summary>
public sealed record ApplicantRegion(string? Code, string Rule, double Confidence);

/// <summary>
/// Turns a <see cref="RecordDraft"/> (raw source values) into a <see cref="NormalisedRecord"/>: canonical numbers,
/// dates, IPC symbols, cleaned party names with their matching keys, region and industry attribution, derived events
/// and status. Values that cannot be read become rejections; a row without a usable identity is rejected whole.
/// </summary>
public sealed class RecordNormaliser(RecordsReference reference)
{
    public NormalisedRecord? Normalise(RecordDraft d, long rowNumber, List<Rejection> rejections)
    {
        var before = rejections.Count;
        var office = (d.Office ?? "CN").Trim().ToUpperInvariant();
        var rightType = d.RightType;

        // identity: canonical application number (CN) or the source's own number
        string? appNo = null;
        if (!string.IsNullOrWhiteSpace(d.ApplicationNumber))
        {
            if (office == "CN" && IsPatent(rightType))
            {
                var n = Normalisation.ApplicationNumber.TryParse(d.ApplicationNumber, out var err);
                if (n is null) rejections.Add(new(rowNumber, "applicationNumber", d.ApplicationNumber, err ?? "申请号无法识别"));
                else { appNo = n.Canonical; rightType = n.RightType; }
            }
            else appNo = Compact(d.ApplicationNumber);
        }

        NormalisedPublicationNumber? pub = null;
        if (!string.IsNullOrWhiteSpace(d.PublicationNumber))
        {
            pub = office == "CN" && IsPatent(rightType) ? PublicationNumber.TryParse(d.PublicationNumber, out var perr) : null;
            if (pub is null && office == "CN" && IsPatent(rightType))
                rejections.Add(new(rowNumber, "publicationNumber", d.PublicationNumber, "公开（公告）号无法识别"));
        }

        if (appNo is null && pub is null && string.IsNullOrWhiteSpace(d.PublicationNumber))
        {
            if (rejections.Count == before) rejections.Add(new(rowNumber, "applicationNumber", d.ApplicationNumber, "缺少申请号（或注册号），无法确定记录"));
            return null;
        }
        if (appNo is null && rejections.Count > before) return null; // an unreadable application number is not guessed around

        var key = appNo is not null
            ? $"{office}:{TypePrefix(rightType)}:{appNo}"
            : $"{office}:{TypePrefix(rightType)}:PUB:{pub?.Number ?? Compact(d.PublicationNumber!)}";

        var r = new NormalisedRecord { RecordKey = key, RightType = rightType, Office = office, ApplicationNumber = appNo ?? (d.ApplicationNumber is null ? null : Compact(d.ApplicationNumber)), SourceRef = d.SourceRef };

        r.ApplicationDate = Date(d.ApplicationDate, "applicationDate", rowNumber, rejections);
        var pubDate = Date(d.PublicationDate, "publicationDate", rowNumber, rejections);
        var grantDate = Date(d.GrantDate, "grantDate", rowNumber, rejections);
        // a grant publication (B, C, U, S …) fills the grant fields; an A publication the publication fields
        if (pub is not null && pub.IsGrant && d.GrantNumber is null)
        {
            r.GrantNumber = pub.Canonical;
            r.GrantDate = grantDate ?? pubDate;
        }
        else
        {
            r.PublicationNumber = pub?.Canonical ?? (string.IsNullOrWhiteSpace(d.PublicationNumber) ? null : Compact(d.PublicationNumber));
            r.PublicationKind = pub?.Kind ?? d.PublicationKind;
            r.PublicationDate = pubDate;
            if (!string.IsNullOrWhiteSpace(d.GrantNumber))
            {
                var g = office == "CN" ? PublicationNumber.TryParse(d.GrantNumber, out _) : null;
                r.GrantNumber = g?.Canonical ?? Compact(d.GrantNumber);
            }
            r.GrantDate = grantDate;
        }

        r.Title = Clean(d.Title);
        r.Abstract = Clean(d.Abstract);
        r.Claims = Clean(d.Claims);

        // parties
        // each name cleaned once: the parties as written (those with a name), the distinct applicants (owners too),
        // inventors and agents, the first agency
        var applicants = new List<PartyDraft>(d.Parties.Count);
        var parties = new List<PartyDraft>(d.Parties.Count);
        List<string> applicantNames = new(2), inventors = new(4), agents = [];
        string? agency = null;
        var hasAgency = false;
        foreach (var p in d.Parties)
        {
            var name = ApplicantName.Clean(p.Name);
            if (p.Role is PartyRoles.Applicant or PartyRoles.Owner)
            {
                applicants.Add(p);
                if (name.Length > 0) AddOnce(applicantNames, name);
            }
            else if (p.Role == PartyRoles.Inventor) { if (name.Length > 0) AddOnce(inventors, name); }
            else if (p.Role == PartyRoles.Agent) { if (name.Length > 0) AddOnce(agents, name); }
            else if (p.Role == PartyRoles.Agency && !hasAgency) { agency = name; hasAgency = true; }
            if (name.Length > 0) parties.Add(p with { Name = name });
        }
        r.Parties = parties;
        r.Applicants = [.. applicantNames];
        r.ApplicantKeys = new string[r.Applicants.Length];
        for (var i = 0; i < r.Applicants.Length; i++) r.ApplicantKeys[i] = ApplicantName.NormaliseForMatching(r.Applicants[i]);
        r.FirstApplicant = r.Applicants.FirstOrDefault();
        r.Inventors = [.. inventors];
        r.Agents = [.. agents];
        r.Agency = agency;
        var first = applicants.FirstOrDefault();
        r.Address = Clean(first?.Address);
        r.Postcode = Clean(first?.Postcode);

        // region attribution from the first applicant's address at filing
        if (reference.Resolver is { } resolver && (r.Address is not null || r.Postcode is not null))
        {
            var m = resolver.Resolve(r.Address, r.Postcode);
            r.ProvinceCode = m.ProvinceCode;
            r.CityCode = m.CityCode;
            r.CountyCode = m.CountyCode;
            r.RegionRule = m.Rule;
            r.RegionConfidence = m.Confidence;
            r.RegionExplanation = resolver.Explain(m);
        }
        r.ApplicantKind = r.FirstApplicant is null ? null : ApplicantName.Classify(r.FirstApplicant, r.ApplicantKeys[0], r.RegionRule == RegionRules.Foreign);
        r.ApplicantRegions = ApplicantRegionsOf(r, applicants);

        // classifications
        var ipcRaw = string.Join(';', d.Ipc);
        var ipc = IpcSymbol.ParseList(ipcRaw);
        foreach (var e in ipc.Errors) rejections.Add(new(rowNumber, "ipc", ipcRaw, e));
        var symbols = ipc.Symbols.DistinctBy(s => s.Symbol).ToList();
        r.Ipc = symbols.Select(s => s.Symbol).ToArray();
        r.IpcMain = r.Ipc.FirstOrDefault();
        // section, class, subclass and main group ("A61K 36"): every IPC prefix filter is one lookup in the GIN index
        var classes = new List<string>(symbols.Count * 4);
        foreach (var s in symbols)
        {
            AddOnce(classes, s.Section is >= 'A' and <= 'H' ? Sections[s.Section - 'A'] : s.Section.ToString());
            AddOnce(classes, s.Class);
            AddOnce(classes, s.Subclass);
            var group = s.Symbol[..s.Symbol.IndexOf('/')];
            AddOnce(classes, group);
        }
        r.IpcClasses = [.. classes];
        r.Industries = reference.Industries.Map(symbols);
        var industryCodes = new List<string>(r.Industries.Count * 3);
        foreach (var i in r.Industries)
            foreach (var code in IndustryPrefixes(i.Code)) AddOnce(industryCodes, code);
        r.IndustryCodes = [.. industryCodes];
        r.TechFields = reference.TechFields.Map(symbols);
        r.Locarno = d.Locarno.Select(l => LocarnoClass.TryNormalise(l, out _)).Where(l => l is not null).Cast<string>().Distinct().ToArray();
        r.Nice = d.Nice.Select(n => NiceClass.TryNormalise(n, out _)).Where(n => n is not null).Select(n => n!.Value.ToString()).Distinct().ToArray();
        r.Priorities = d.Priorities.ToArray();
        r.Extra = new Dictionary<string, string>(d.Extra.Where(e => !string.IsNullOrWhiteSpace(e.Value)));

        // events: what the source states, plus what the dates imply; current status from the latest decisive event
        var events = d.Events.Select(e => new RecordEvent(e.Code, DateParser.ParseOrNull(e.Date), e.Description)).ToList();
        if (r.ApplicationDate is { } ad && !events.Any(e => e.Code == LegalEventCodes.Filed)) events.Add(new(LegalEventCodes.Filed, ad, null));
        if (r.PublicationDate is { } pd && !events.Any(e => e.Code == LegalEventCodes.Published)) events.Add(new(LegalEventCodes.Published, pd, r.PublicationNumber));
        if ((r.GrantDate is not null || r.GrantNumber is not null) && !events.Any(e => e.Code == LegalEventCodes.Granted)) events.Add(new(LegalEventCodes.Granted, r.GrantDate, r.GrantNumber));
        r.Events = events.OrderBy(e => e.Date ?? DateOnly.MaxValue).ToList();
        (r.Status, r.StatusDate) = RecordStatus.Derive(r.Events);
        return r;
    }

    /// <summary>
    /// All-applicants attribution: an applicant's own address when the source gives one (the first applicant's is the
    /// record's); otherwise its name when the name begins with a province or a city (rules prefix / city-first only: a
    /// county-level name at the start of a company name is too often a word — 东方电气 is not 东方市), at 0.7 × the
    /// resolver's confidence.
    /// </summary>
    private List<ApplicantRegion> ApplicantRegionsOf(NormalisedRecord r, List<PartyDraft> applicants)
    {
        var result = new List<ApplicantRegion>(r.Applicants.Length);
        if (reference.Resolver is not { } resolver) return result;
        for (var i = 0; i < r.Applicants.Length; i++)
        {
            var name = r.Applicants[i];
            string? address = i == 0 ? r.Address : applicants.FirstOrDefault(p => ApplicantName.Clean(p.Name) == name)?.Address;
            string? postcode = i == 0 ? r.Postcode : null;
            if (i == 0 && r.RegionRule is { } rule && rule is not (RegionRules.None or RegionRules.Empty))
            {
                result.Add(rule == RegionRules.Foreign ? new(null, RegionRules.Foreign, r.RegionConfidence ?? 0.9)
                    : new(r.CountyCode ?? r.CityCode ?? r.ProvinceCode, Tagged("address:", rule), Math.Round(r.RegionConfidence ?? 0, 2)));
                continue;
            }
            if (!string.IsNullOrWhiteSpace(address) || !string.IsNullOrWhiteSpace(postcode))
            {
                var m = resolver.Resolve(address, postcode);
                if (m.IsForeign) { result.Add(new(null, RegionRules.Foreign, m.Confidence)); continue; }
                if ((m.CountyCode ?? m.CityCode ?? m.ProvinceCode) is { } code) { result.Add(new(code, Tagged("address:", m.Rule), Math.Round(m.Confidence, 2))); continue; }
            }
            var byName = resolver.Resolve(name);
            var nameCode = byName.CountyCode ?? byName.CityCode ?? byName.ProvinceCode;
            result.Add(byName.Rule is RegionRules.Prefix or RegionRules.CityFirst && nameCode is not null
                ? new(nameCode, Tagged("name:", byName.Rule), Math.Round(byName.Confidence * 0.7, 2))
                : new(null, ApplicantName.Classify(name, false) == PartyKinds.Foreign ? RegionRules.Foreign : RegionRules.None, 0));
        }
        return result;
    }

    public static IReadOnlyList<string> IndustryPrefixes(string classCode) =>
        // 4-digit class → its group (3), division (2); the section letter is looked up in SQL via ref_industries.
        // A few hundred classes occur: their prefixes are made once, not for every record.
        PrefixCache.GetOrAdd(classCode, c => c.Length >= 3 ? [c, c[..3], c[..2]] : [c]);

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, string[]> PrefixCache = new(StringComparer.Ordinal);

    private static bool IsPatent(string rightType) => rightType is RightTypes.Invention or RightTypes.UtilityModel or RightTypes.Design;

    private static string TypePrefix(string rightType) => rightType switch
    {
        RightTypes.Invention or RightTypes.UtilityModel or RightTypes.Design => "P",
        RightTypes.Trademark => "TM",
        RightTypes.GeographicalIndication => "GI",
        RightTypes.CopyrightWork or RightTypes.Software => "CR",
        RightTypes.IcLayout => "IC",
        RightTypes.PlantVariety => "PV",
        _ => "X",
    };

    private static string Compact(string s) => TextWidth.ToHalfWidth(s).Replace(" ", "").Trim().ToUpperInvariant();

    /// <summary>"address:" or "name:" + a rule, made once per rule (one for every applicant of every record otherwise).</summary>
    private static string Tagged(string prefix, string rule) => TaggedRules.GetOrAdd((prefix, rule), k => k.Item1 + k.Item2);

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<(string, string), string> TaggedRules = new();

    private static readonly string[] Sections = ["A", "B", "C", "D", "E", "F", "G", "H"];

    private static void AddOnce(List<string> list, string value)
    {
        if (!list.Contains(value)) list.Add(value);
    }

    private static string? Clean(string? s)
    {
        if (string.IsNullOrWhiteSpace(s)) return null;
        return s.Trim();
    }

    private static DateOnly? Date(string? raw, string field, long row, List<Rejection> rejections)
    {
        if (string.IsNullOrWhiteSpace(raw) || raw.Trim() == "0") return null;
        if (DateParser.TryParse(raw, out var date, out var error)) return date;
        rejections.Add(new(row, field, raw, error ?? "日期无法识别"));
        return null;
    }
}

/// <summary>Current legal status derived from the events (ST.27 main categories).</summary>
public static class RecordStatus
{
    public const string Pending = "pending", InForce = "in_force", Lapsed = "lapsed", Expired = "expired", Invalidated = "invalidated",
        Withdrawn = "withdrawn", Rejected = "rejected";

    public static readonly IReadOnlyDictionary<string, string> Names = new Dictionary<string, string>
    {
        [Pending] = "审中", [InForce] = "有效", [Lapsed] = "失效（未缴年费等）", [Expired] = "期限届满", [Invalidated] = "无效宣告",
        [Withdrawn] = "撤回", [Rejected] = "驳回",
    };

    public static (string Status, DateOnly? Date) Derive(IReadOnlyList<RecordEvent> events)
    {
        var status = Pending;
        DateOnly? date = null;
        foreach (var e in events.OrderBy(e => e.Date ?? DateOnly.MinValue))
        {
            var next = e.Code switch
            {
                LegalEventCodes.Filed => Pending,
                LegalEventCodes.Granted => InForce,
                LegalEventCodes.Terminated => Lapsed,
                LegalEventCodes.Expired => Expired,
                LegalEventCodes.Invalidated => Invalidated,
                LegalEventCodes.Withdrawn => Withdrawn,
                LegalEventCodes.Rejected => Rejected,
                _ => null,
            };
            if (next is null) continue;
            if (next == Pending && status != Pending) continue; // a filing never undoes a later decision
            status = next;
            date = e.Date ?? date;
        }
        return (status, date);
    }
}
