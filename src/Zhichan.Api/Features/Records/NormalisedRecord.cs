using Zhichan.Api.Features.Records.Attribution;

namespace Zhichan.Api.Features.Records;

/// <summary>
/// A record ready to be written: canonical values and attribution, one row of the records table. Plain data: which
/// column each field fills, and how it is encoded, read back, hashed and merged, is <see cref="Imports.RecordCodec"/>'s.
/// Fields rather than properties, so that the codec's one list of columns hands each field by reference to whatever
/// reads or sets it.
/// </summary>
public sealed class NormalisedRecord
{
    public string RecordKey = "";
    public string RightType = "";
    public string Office = "CN";
    public string? ApplicationNumber;
    public DateOnly? ApplicationDate;
    public string? PublicationNumber;
    public string? PublicationKind;
    public DateOnly? PublicationDate;
    public string? GrantNumber;
    public DateOnly? GrantDate;
    public string? Title;
    public string? Abstract;
    public string? Claims;
    public string? FirstApplicant;
    public string[] Applicants = [];
    public string[] ApplicantKeys = [];
    public string? ApplicantKind;
    public string[] Inventors = [];
    public string[] Agents = [];
    public string? Agency;
    public List<PartyDraft> Parties = [];
    public string? Address;
    public string? Postcode;
    public string? ProvinceCode;
    public string? CityCode;
    public string? CountyCode;
    public string? RegionRule;
    public double? RegionConfidence;
    public string? RegionExplanation;
    /// <summary>Region of every applicant, in the order of <see cref="Applicants"/> (ADR 0008: all-applicants attribution).</summary>
    public List<ApplicantRegion> ApplicantRegions = [];
    public string? IpcMain;
    public string[] Ipc = [];
    public string[] IpcClasses = [];
    public string[] Locarno = [];
    public string[] Nice = [];
    public List<IndustryShare> Industries = [];
    public string[] IndustryCodes = [];
    public int[] TechFields = [];
    public List<RecordEvent> Events = [];
    public string? Status;
    public DateOnly? StatusDate;
    public string[] Priorities = [];
    /// <summary>The patent family (EPO DOCDB family id) when the source gives one.</summary>
    public string? FamilyId;
    public Dictionary<string, string> Extra = [];
    public string? SourceFormat;
    public string? SourceFile;
    public string? SourceRef;
}

public sealed record RecordEvent(string Code, DateOnly? Date, string? Description);

/// <summary>
/// Where one applicant is: Code is the most specific region code (county, else city, else province) or null; Rule is
/// "address:{rule}" for the address given with the applicant, "name:{rule}" when the applicant's own name begins with a
/// province or city (江苏恒瑞医药…, 连云港…有限公司), "foreign", or "none".
/// </summary>
public sealed record ApplicantRegion(string? Code, string Rule, double Confidence);
