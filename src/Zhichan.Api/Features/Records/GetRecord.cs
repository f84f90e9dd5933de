using Zhichan.Api.Features.Records.Imports;
using Zhichan.Api.Features.Records.Search;

namespace Zhichan.Api.Features.Records;

public sealed record PartyView(string Role, string RoleName, string Name, string? Address, string? Country, long? EntityId);
public sealed record EventView(string Code, string Name, DateOnly? Date, string? Description);
public sealed record IndustryView(string Code, string Name, double Weight);
public sealed record TechFieldView(int Field, string Name, string Sector);
/// <param name="Applicants">All-applicants attribution: each applicant's region, the rule that found it and its confidence.</param>
public sealed record AttributionView(string? ProvinceCode, string? CityCode, string? CountyCode, string? RegionPath, string? Rule, double? Confidence, string? Explanation,
    IReadOnlyList<ApplicantRegionView> Applicants);

public sealed record ApplicantRegionView(string Name, string? Code, string? RegionPath, string Rule, double Confidence);

public sealed record RecordDetail(long Id, string RecordKey, string RightType, string RightTypeName, string Office, string? ApplicationNumber,
    DateOnly? ApplicationDate, string? PublicationNumber, string? PublicationKind, DateOnly? PublicationDate, string? GrantNumber, DateOnly? GrantDate,
    string? Title, string? Abstract, string? Claims, IReadOnlyList<PartyView> Parties, string? ApplicantKind, string? Address, string? Postcode,
    AttributionView Attribution, string? IpcMain, string[] Ipc, IReadOnlyList<IndustryView> Industries, IReadOnlyList<TechFieldView> TechFields,
    string[] Locarno, string[] Nice, string[] Priorities, IReadOnlyList<EventView> Events, string? Status, string? StatusName,
    IReadOnlyDictionary<string, string> Extra, string? SourceFormat, string? SourceFile, string? SourceRef, DateTimeOffset UpdatedAt);

/// <summary>Everything about one record: every field, parties as written, events, and why it sits in its region and industries.</summary>
public static class GetRecord
{
    public static readonly IReadOnlyDictionary<string, string> RoleNames = new Dictionary<string, string>
    {
        [PartyRoles.Applicant] = "申请人", [PartyRoles.Owner] = "权利人", [PartyRoles.Inventor] = "发明人/设计人", [PartyRoles.Agent] = "代理人", [PartyRoles.Agency] = "代理机构",
    };

    public static async Task<Ok<RecordDetail>> HandleAsync(long id, NpgsqlDataSource db, RecordsReference reference, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand($"SELECT {RecordCodec.Select}, r.id, r.applicant_entity_ids, r.updated_at FROM records r WHERE r.id = $1");
        cmd.Parameters.Add(new NpgsqlParameter { Value = id });
        await using var r = await cmd.ExecuteReaderAsync(ct);
        if (!await r.ReadAsync(ct)) throw new DomainException($"记录 {id} 不存在", 404);
        var d = RecordCodec.Read(r);
        var n = RecordCodec.SelectCount;
        var entityIds = r.GetFieldValue<long[]>(n + 1);
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
                ? new ApplicantRegionView(a, d.ApplicantRegions[i].Code, SearchRecords.RegionPath(reference, d.ApplicantRegions[i].Code), d.ApplicantRegions[i].Rule, d.ApplicantRegions[i].Confidence)
                : new ApplicantRegionView(a, null, null, "none", 0)).ToList());
        var industries = d.Industries.Select(i => new IndustryView(i.Code, reference.IndustryNames.GetValueOrDefault(i.Code, i.Code), i.Weight)).ToList();
        var tech = d.TechFields.Select(t => reference.TechFields.Fields.TryGetValue(t, out var f) ? new TechFieldView(t, f.Name, f.Sector) : new TechFieldView(t, t.ToString(), "")).ToList();
        var events = d.Events.Select(e => new EventView(e.Code, LegalEventCodes.Names.GetValueOrDefault(e.Code, e.Code), e.Date, e.Description)).ToList();
        return TypedResults.Ok(new RecordDetail(r.GetInt64(n), d.RecordKey, d.RightType, RightTypes.Names.GetValueOrDefault(d.RightType, d.RightType), d.Office,
            d.ApplicationNumber, d.ApplicationDate, d.PublicationNumber, d.PublicationKind, d.PublicationDate, d.GrantNumber, d.GrantDate, d.Title, d.Abstract,
            d.Claims, parties, d.ApplicantKind, d.Address, d.Postcode, attribution, d.IpcMain, d.Ipc, industries, tech, d.Locarno, d.Nice, d.Priorities, events,
            d.Status, d.Status is null ? null : RecordStatus.Names.GetValueOrDefault(d.Status, d.Status), d.Extra, d.SourceFormat, d.SourceFile, d.SourceRef,
            r.GetFieldValue<DateTimeOffset>(n + 2)));
    }
}
