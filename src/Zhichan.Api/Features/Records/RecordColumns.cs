using System.Text.Json;
using Npgsql;
using Zhichan.Api.Features.Records.Attribution;
using Zhichan.Api.Features.Records.Imports;

namespace Zhichan.Api.Features.Records;

/// <summary>Reads a stored record back into a <see cref="NormalisedRecord"/> (for merges and the record page).</summary>
public static class RecordColumns
{
    public const string Select = """
        r.record_key, r.right_type, r.office, r.application_number, r.application_date, r.publication_number, r.publication_kind, r.publication_date,
        r.grant_number, r.grant_date, r.title, r.abstract, r.claims, r.first_applicant, r.applicants, r.applicant_keys, r.applicant_kind, r.inventors,
        r.agents, r.agency, r.parties, r.address, r.postcode, r.province_code, r.city_code, r.county_code, r.region_rule, r.region_confidence,
        r.region_explanation, r.ipc_main, r.ipc, r.ipc_classes, r.locarno, r.nice, r.industries, r.industry_codes, r.tech_fields, r.events, r.status,
        r.status_date, r.priorities, r.extra, r.source_format, r.source_file, r.source_ref, r.applicant_regions
        """;

    public const int Count = 46;

    public static NormalisedRecord Read(NpgsqlDataReader r)
    {
        string? S(int i) => r.IsDBNull(i) ? null : r.GetString(i);
        DateOnly? D(int i) => r.IsDBNull(i) ? null : r.GetFieldValue<DateOnly>(i);
        string[] A(int i) => r.GetFieldValue<string[]>(i);
        T J<T>(int i) => JsonSerializer.Deserialize<T>(r.GetString(i), RecordWriter.DocJson)!;
        return new NormalisedRecord
        {
            RecordKey = r.GetString(0), RightType = r.GetString(1), Office = r.GetString(2), ApplicationNumber = S(3), ApplicationDate = D(4),
            PublicationNumber = S(5), PublicationKind = S(6), PublicationDate = D(7), GrantNumber = S(8), GrantDate = D(9), Title = S(10),
            Abstract = S(11), Claims = S(12), FirstApplicant = S(13), Applicants = A(14), ApplicantKeys = A(15), ApplicantKind = S(16),
            Inventors = A(17), Agents = A(18), Agency = S(19), Parties = J<List<PartyDraft>>(20), Address = S(21), Postcode = S(22),
            ProvinceCode = S(23), CityCode = S(24), CountyCode = S(25), RegionRule = S(26), RegionConfidence = r.IsDBNull(27) ? null : r.GetFloat(27),
            RegionExplanation = S(28), IpcMain = S(29), Ipc = A(30), IpcClasses = A(31), Locarno = A(32), Nice = A(33),
            Industries = J<List<IndustryShare>>(34), IndustryCodes = A(35), TechFields = r.GetFieldValue<int[]>(36), Events = J<List<RecordEvent>>(37),
            Status = S(38), StatusDate = D(39), Priorities = A(40), Extra = J<Dictionary<string, string>>(41), SourceFormat = S(42),
            SourceFile = S(43), SourceRef = S(44), ApplicantRegions = J<List<ApplicantRegion>>(45),
        };
    }
}
