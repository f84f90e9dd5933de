namespace Zhichan.Api.Features.Registries.Experts;

public sealed record SpecialtyDto(string Code, string Label, string Group);

/// <summary>A row of the pool. <paramref name="Phone"/> is masked: a list never needs it.</summary>
public sealed record ExpertRow(long Id, string Name, string? Title, string? Employer, string? RegionCode, string? RegionName, string[] Specialties,
    string[] SpecialtyLabels, bool IsActive, bool IsInvestigator, bool IsExample, string? Phone, bool HasAccount, DateOnly? TermEndsOn, int Documents);

public sealed record EmploymentDto(long Id, string Employer, string? Position, DateOnly? FromOn, DateOnly? ToOn);

public sealed record RelationDto(long Id, string Kind, string KindLabel, string Party, string? Detail, DateOnly? FromOn, DateOnly? ToOn);

public sealed record ExpertDocumentDto(long Id, string Kind, string KindLabel, string FileName, long SizeBytes, DateOnly? IssuedOn, DateTimeOffset UploadedAt,
    string DownloadLink);

/// <summary>
/// An expert's file. <paramref name="ContactsMasked"/>: the ID number, phone and e-mail are masked (the bureau's view; the contacts are
/// shown on request through GetExpertContacts, which the audit log records); the expert's own profile shows them in clear.
/// </summary>
public sealed record ExpertDetail(long Id, long? UserId, string? Username, string Name, string? IdNumber, string? Phone, string? Email, bool ContactsMasked,
    string? Title, string? Employer, string? Position, string? RegionCode, string? RegionName, string[] Specialties, string[] SpecialtyLabels, string? Bio,
    bool IsActive, bool IsInvestigator, DateOnly? AppointedOn, DateOnly? TermEndsOn, bool IsExample, string? Note, EmploymentDto[] Employments,
    RelationDto[] Relations, ExpertDocumentDto[] Documents, DateTimeOffset UpdatedAt);

public sealed record ExpertContacts(long Id, string Name, string? IdNumber, string? Phone, string? Email);

/// <summary>An account with the role expert and the expert row it maintains (if any): what the bureau links.</summary>
public sealed record ExpertAccountDto(long UserId, string Username, string DisplayName, string? OrgUnitName, bool IsActive, long? ExpertId, string? ExpertName);
