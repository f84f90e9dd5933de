using Zhichan.Api.Features.Records.Attribution;
using Zhichan.Api.Features.Records.Imports;
using Zhichan.Api.Features.Records.Normalisation;
using Zhichan.Api.Features.Records.Search;

namespace Zhichan.Api.Features.Records;

public sealed record PartyView(string Role, string RoleName, string Name, string? Address, string? Country, long? EntityId);
public sealed record EventView(string Code, string Name, DateOnly? Date, string? Description);
public sealed record IndustryView(string Code, string Name, double Weight);
/// <summary>A WIPO technology field with its Chinese name and sector (Seeds/tech-fields.json).</summary>
public sealed record TechFieldView(int Field, string Name, string Sector);
/// <param name="Applicants">All-applicants attribution: each applicant's region, the rule that found it and its confidence.</param>
/// <param name="RuleName">The rule in Chinese (地址前缀匹配 + 乡镇街道名 …); the evidence is in the explanation.</param>
public sealed record AttributionView(string? ProvinceCode, string? CityCode, string? CountyCode, string? RegionPath, string? Rule, double? Confidence, string? Explanation,
    IReadOnlyList<ApplicantRegionView> Applicants, string? RuleName);

public sealed record ApplicantRegionView(string Name, string? Code, string? RegionPath, string Rule, double Confidence, string RuleName);

/// <summary>
/// Why the record has its industries, one line per IPC symbol (ADR 0020): the concordance entry it matched and at which
/// level (LevelName: 小组 / 大组 / 小类), its share of the record, the classes it gives with their weights, and the service or
/// repair classes left out.
/// </summary>
public sealed record IndustryBasisView(string Symbol, string? Key, string Level, string LevelName, double Share, IReadOnlyList<IndustryView> Classes,
    IReadOnlyList<IndustryView> Dropped);

/// <summary>
/// One event of the record's legal-status timeline: from its bibliographic sources (filed, published, granted …), or from the
/// CNIPA legal-status gazette with the gazette's own texts and the import that brought it (ADR 0017).
/// </summary>
/// <param name="Source">"record" (the bibliographic sources), "gazette" (a legal-status import) or the module that added it
/// (<see cref="IRecordTimelineSource"/>: "filing", "pledge" …).</param>
/// <param name="Href">The page of the module's item (e.g. /transactions/filings/12), for events another module added.</param>
public sealed record TimelineEventView(DateOnly? Date, string Code, string Name, string? Description, string Source, string? StatusText = null,
    string? InfoText = null, string? GrantPublicationNumber = null, long? ImportId = null, string? Href = null);

/// <summary>Another publication of the record's patent family held in the database (ADR 0018).</summary>
public sealed record FamilyMemberView(long Id, string Office, string? PublicationNumber, string? PublicationKind, DateOnly? PublicationDate,
    string? ApplicationNumber, string? Title);

/// <summary>The record's patent family: its DOCDB family id and the other members held, with their office and publication number.</summary>
public sealed record FamilyView(string FamilyId, IReadOnlyList<FamilyMemberView> Members);

/// <param name="Timeline">Every event in date order, each with its source (the legal-status timeline of the record page).</param>
/// <param name="Family">The patent family when the record has a family id (EPO DOCDB), else null.</param>
public sealed record RecordDetail(long Id, string RecordKey, string RightType, string RightTypeName, string Office, string? ApplicationNumber,
    DateOnly? ApplicationDate, string? PublicationNumber, string? PublicationKind, DateOnly? PublicationDate, string? GrantNumber, DateOnly? GrantDate,
    string? Title, string? Abstract, string? Claims, IReadOnlyList<PartyView> Parties, string? ApplicantKind, string? Address, string? Postcode,
    AttributionView Attribution, string? IpcMain, string[] Ipc, IReadOnlyList<IndustryView> Industries, IReadOnlyList<TechFieldView> TechFields,
    string[] Locarno, string[] Nice, string[] Priorities, IReadOnlyList<EventView> Events, string? Status, string? StatusName,
    IReadOnlyDictionary<string, string> Extra, string? SourceFormat, string? SourceFile, string? SourceRef, DateTimeOffset UpdatedAt,
    IReadOnlyList<IndustryBasisView> IndustryBasis, IReadOnlyList<TimelineEventView> Timeline, FamilyView? Family);

/// <summary>Everything about one record: every field, parties as written, events, and why it sits in its region and industries.</summary>
public static class GetRecord
{
    public static readonly IReadOnlyDictionary<string, string> RoleNames = new Dictionary<string, string>
    {
        [PartyRoles.Applicant] = "申请人", [PartyRoles.Owner] = "权利人", [PartyRoles.Inventor] = "发明人/设计人", [PartyRoles.Agent] = "代理人", [PartyRoles.Agency] = "代理机构",
    };

    /// <summary>The concordance levels in Chinese (IPC 小组 / 大组 / 小类).</summary>
    public static readonly IReadOnlyDictionary<string, string> IndustryLevelNames = new Dictionary<string, string>
    {
        [IndustryMatchLevels.Subgroup] = "小组", [IndustryMatchLevels.Group] = "大组", [IndustryMatchLevels.Subclass] = "小类", [IndustryMatchLevels.None] = "参照关系表中无对应",
    };

    public static async Task<Ok<RecordDetail>> HandleAsync(long id, NpgsqlDataSource db, RecordsReference reference, IEnumerable<IRecordTimelineSource> sources,
        CurrentUser user, CancellationToken ct)
    {
        NormalisedRecord d;
        long[] entityIds;
        DateTimeOffset updatedAt;
        await using (var cmd = db.CreateCommand($"SELECT {RecordCodec.Select}, r.applicant_entity_ids, r.updated_at FROM records r WHERE r.id = $1"))
        {
            cmd.Parameters.Add(new NpgsqlParameter { Value = id });
            await using var r = await cmd.ExecuteReaderAsync(ct);
            if (!await r.ReadAsync(ct)) throw new DomainException($"记录 {id} 不存在", 404);
            d = RecordCodec.Read(r);
            entityIds = r.GetFieldValue<long[]>(RecordCodec.SelectCount);
            updatedAt = r.GetFieldValue<DateTimeOffset>(RecordCodec.SelectCount + 1);
        }
        var applicantIndex = 0;
        var parties = d.Parties.Select(p =>
        {
            long? eid = null;
            if (p.Role is PartyRoles.Applicant or PartyRoles.Owner && applicantIndex < entityIds.Length) eid = entityIds[applicantIndex++];
            return new PartyView(p.Role, RoleNames.GetValueOrDefault(p.Role, p.Role), p.Name, p.Address, p.Country, eid);
        }).ToList();
        var attribution = new AttributionView(d.ProvinceCode, d.CityCode, d.CountyCode, SearchRecords.RegionPath(reference, d.CountyCode ?? d.CityCode ?? d.ProvinceCode),
            d.RegionRule, d.RegionConfidence, d.RegionExplanation,
            d.Applicants.Select((a, i) => i < d.ApplicantRegions.Count
                ? new ApplicantRegionView(a, d.ApplicantRegions[i].Code, SearchRecords.RegionPath(reference, d.ApplicantRegions[i].Code), d.ApplicantRegions[i].Rule,
                    d.ApplicantRegions[i].Confidence, RegionRuleNames.Of(d.ApplicantRegions[i].Rule))
                : new ApplicantRegionView(a, null, null, RegionRules.None, 0, RegionRuleNames.Of(RegionRules.None))).ToList(),
            d.RegionRule is null ? null : RegionRuleNames.Of(d.RegionRule));
        IndustryView Industry(string code, double weight) => new(code, reference.IndustryNames.GetValueOrDefault(code, code), weight);
        var industries = d.Industries.Select(i => Industry(i.Code, i.Weight)).ToList();
        var basis = reference.Industries.Explain(IpcSymbol.ParseList(string.Join(';', d.Ipc)).Symbols)
            .Select(b => new IndustryBasisView(b.Symbol, b.Key, b.Level, IndustryLevelNames.GetValueOrDefault(b.Level, b.Level), Math.Round(b.Share, 4),
                b.Classes.Select(c => Industry(c.Code, Math.Round(c.Weight, 4))).ToList(), b.Dropped.Select(c => Industry(c, 0)).ToList())).ToList();
        var tech = d.TechFields.Select(t => reference.TechFieldNames.TryGetValue(t, out var f) ? new TechFieldView(t, f.Name, f.Sector) : new TechFieldView(t, t.ToString(), "")).ToList();
        var events = d.Events.Select(e => new EventView(e.Code, LegalEventCodes.Names.GetValueOrDefault(e.Code, e.Code), e.Date, e.Description)).ToList();
        var timeline = await TimelineAsync(db, id, d.Events, ct);
        foreach (var source in sources) timeline.AddRange(await source.ForRecordAsync(id, user, ct));
        timeline = [.. timeline.OrderBy(t => t.Date ?? DateOnly.MaxValue).ThenBy(t => LegalEventCodes.DayOrder(t.Code))];
        var family = d.FamilyId is null ? null : new FamilyView(d.FamilyId, await FamilyAsync(db, id, d.FamilyId, ct));
        return TypedResults.Ok(new RecordDetail(id, d.RecordKey, d.RightType, RightTypes.Names.GetValueOrDefault(d.RightType, d.RightType), d.Office,
            d.ApplicationNumber, d.ApplicationDate, d.PublicationNumber, d.PublicationKind, d.PublicationDate, d.GrantNumber, d.GrantDate, d.Title, d.Abstract,
            d.Claims, parties, d.ApplicantKind, d.Address, d.Postcode, attribution, d.IpcMain, d.Ipc, industries, tech, d.Locarno, d.Nice, d.Priorities, events,
            d.Status, d.Status is null ? null : RecordStatus.Names.GetValueOrDefault(d.Status, d.Status), d.Extra, d.SourceFormat, d.SourceFile, d.SourceRef,
            updatedAt, basis, timeline, family));
    }

    /// <summary>
    /// The record's events in date order (within a day in <see cref="LegalEventCodes.DayOrder"/>): those the legal-status gazette
    /// brought with their texts and import, the others from its bibliographic sources.
    /// </summary>
    private static async Task<List<TimelineEventView>> TimelineAsync(NpgsqlDataSource db, long id, List<RecordEvent> events, CancellationToken ct)
    {
        var timeline = new List<TimelineEventView>();
        var fromGazette = new HashSet<RecordEvent>();
        await using (var cmd = db.CreateCommand("""
            SELECT code, event_date, status_text, info_text, grant_publication_number, import_id FROM legal_status_events WHERE record_id = $1 ORDER BY event_date, id
            """))
        {
            cmd.Parameters.Add(new NpgsqlParameter { Value = id });
            await using var r = await cmd.ExecuteReaderAsync(ct);
            while (await r.ReadAsync(ct))
            {
                var (code, date, status, info) = (r.GetString(0), r.GetFieldValue<DateOnly>(1), r.GetString(2), r.GetString(3));
                var e = LegalStatus.LegalStatusEvents.AsRecordEvent(code, date, status, info);
                fromGazette.Add(e);
                timeline.Add(new TimelineEventView(date, code, LegalEventCodes.Names.GetValueOrDefault(code, code), e.Description, "gazette", status,
                    info.Length > 0 ? info : null, r.GetString(4) is { Length: > 0 } grant ? grant : null, r.IsDBNull(5) ? null : r.GetInt64(5)));
            }
        }
        foreach (var e in events.Where(e => !fromGazette.Contains(e)))
            timeline.Add(new TimelineEventView(e.Date, e.Code, LegalEventCodes.Names.GetValueOrDefault(e.Code, e.Code), e.Description, "record"));
        return [.. timeline.OrderBy(t => t.Date ?? DateOnly.MaxValue).ThenBy(t => LegalEventCodes.DayOrder(t.Code))];
    }

    /// <summary>The other members of the family held (at most 200), by office and publication date.</summary>
    private static async Task<List<FamilyMemberView>> FamilyAsync(NpgsqlDataSource db, long id, string familyId, CancellationToken ct)
    {
        var members = new List<FamilyMemberView>();
        await using var cmd = db.CreateCommand("""
            SELECT id, office, COALESCE(publication_number, grant_number), CASE WHEN publication_number IS NULL THEN NULL ELSE publication_kind END,
                   COALESCE(publication_date, grant_date), application_number, title
            FROM records WHERE family_id = $1 AND id <> $2 ORDER BY office, COALESCE(publication_date, grant_date), id LIMIT 200
            """);
        cmd.Parameters.Add(new NpgsqlParameter { Value = familyId });
        cmd.Parameters.Add(new NpgsqlParameter { Value = id });
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
            members.Add(new FamilyMemberView(r.GetInt64(0), r.GetString(1), r.IsDBNull(2) ? null : r.GetString(2), r.IsDBNull(3) ? null : r.GetString(3),
                r.IsDBNull(4) ? null : r.GetFieldValue<DateOnly>(4), r.IsDBNull(5) ? null : r.GetString(5), r.IsDBNull(6) ? null : r.GetString(6)));
        return members;
    }
}
