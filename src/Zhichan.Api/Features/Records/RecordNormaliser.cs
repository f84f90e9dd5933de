using Zhichan.Api.Features.Records.Normalisation;

namespace Zhichan.Api.Features.Records;

/// <summary>A rejected value: the source row, the field, the value and why (Chinese, for the rejection report).</summary>
public sealed record Rejection(long RowNumber, string Field, string? Value, string Reason);

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

        // region attribution from the first applicant's address at filing (romanised when the applicant is in China and
        // the source is foreign: an EP publication of a Beijing company)
        if (reference.Resolver is { } resolver)
        {
            var m = InChina(first) && !TextWidth.ContainsCjk(r.Address ?? "") ? Romanised(resolver, r.Address, r.FirstApplicant)
                : r.Address is not null || r.Postcode is not null ? resolver.Resolve(r.Address, r.Postcode) : null;
            if (m is not null)
            {
                r.ProvinceCode = m.ProvinceCode;
                r.CityCode = m.CityCode;
                r.CountyCode = m.CountyCode;
                r.RegionRule = m.Rule;
                r.RegionConfidence = m.Confidence;
                r.RegionExplanation = resolver.Explain(m);
            }
        }
        r.ApplicantKind = r.FirstApplicant is null ? null
            : ApplicantName.Classify(r.FirstApplicant, r.ApplicantKeys[0], r.RegionRule == RegionRules.Foreign, inChina: IsRomanised(r.RegionRule));
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
        r.FamilyId = string.IsNullOrWhiteSpace(d.FamilyId) ? null : d.FamilyId.Trim();
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
            var party = applicants.FirstOrDefault(p => ApplicantName.Clean(p.Name) == name);
            string? address = i == 0 ? r.Address : party?.Address;
            string? postcode = i == 0 ? r.Postcode : null;
            if (i == 0 && r.RegionRule is { } rule && rule is not (RegionRules.None or RegionRules.Empty))
            {
                result.Add(rule == RegionRules.Foreign ? new(null, RegionRules.Foreign, r.RegionConfidence ?? 0.9)
                    : rule == RegionRules.RomanisedName ? new(r.CountyCode ?? r.CityCode ?? r.ProvinceCode, Tagged("name:", RegionRules.Romanised), Math.Round(r.RegionConfidence ?? 0, 2))
                    : new(r.CountyCode ?? r.CityCode ?? r.ProvinceCode, Tagged("address:", rule), Math.Round(r.RegionConfidence ?? 0, 2)));
                continue;
            }
            if (i > 0 && InChina(party) && !TextWidth.ContainsCjk(address ?? ""))
            {
                var m = Romanised(resolver, address, name);
                result.Add(new(m.Code, Tagged(m.Rule == RegionRules.RomanisedName ? "name:" : "address:", RegionRules.Romanised), Math.Round(m.Confidence, 2)));
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

    /// <summary>A party whose country is China (CN, and Taiwan, Hong Kong, Macao, which are Chinese regions here).</summary>
    private static bool InChina(PartyDraft? p) => p?.Country?.Trim().ToUpperInvariant() is "CN" or "TW" or "HK" or "MO";

    /// <summary>Whether a region rule read a romanised address or name (the applicant is in China).</summary>
    public static bool IsRomanised(string? rule) => rule is RegionRules.Romanised or RegionRules.RomanisedName || rule?.EndsWith(":" + RegionRules.Romanised, StringComparison.Ordinal) == true;

    /// <summary>
    /// An applicant in China with a romanised address (or none): the divisions its address names, or — without an address —
    /// those its name begins with (BEIJING XIAOMI …) at 0.7 × the confidence, as for a Chinese name (ADR 0008); never foreign.
    /// </summary>
    private static RegionMatch Romanised(RegionResolver resolver, string? address, string? name)
    {
        var romanised = resolver.Gazetteer.Romanised;
        if (address is not null) return romanised.Resolve(address);
        var m = romanised.Resolve(name, leadingWords: 3);
        return m with { Rule = RegionRules.RomanisedName, Confidence = Math.Round(m.Confidence * 0.7, 2) };
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
        Withdrawn = "withdrawn", Rejected = "rejected", Abandoned = "abandoned";

    public static readonly IReadOnlyDictionary<string, string> Names = new Dictionary<string, string>
    {
        [Pending] = "审中", [InForce] = "有效", [Lapsed] = "失效（未缴年费等）", [Expired] = "期限届满", [Invalidated] = "无效宣告",
        [Withdrawn] = "撤回", [Rejected] = "驳回", [Abandoned] = "放弃",
    };

    /// <summary>
    /// The status the events leave, read in date order (events of one day in <see cref="LegalEventCodes.DayOrder"/>), and
    /// the date of the event that set it.
    /// </summary>
    public static (string Status, DateOnly? Date) Derive(IReadOnlyList<RecordEvent> events)
    {
        var status = Pending;
        DateOnly? date = null;
        foreach (var e in events.OrderBy(e => e.Date ?? DateOnly.MinValue).ThenBy(e => LegalEventCodes.DayOrder(e.Code)))
        {
            var next = e.Code switch
            {
                LegalEventCodes.Filed => Pending,
                LegalEventCodes.Granted => InForce,
                LegalEventCodes.Terminated => Lapsed,
                LegalEventCodes.Expired => Expired,
                LegalEventCodes.Invalidated => Invalidated,
                LegalEventCodes.Withdrawn or LegalEventCodes.DeemedWithdrawn => Withdrawn,
                LegalEventCodes.Rejected => Rejected,
                LegalEventCodes.Abandoned or LegalEventCodes.DeemedAbandoned => Abandoned,
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
