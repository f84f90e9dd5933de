namespace Zhichan.Api.Features.Registries.Training;

/// <summary>The caller's own registration for an event.</summary>
public sealed record MyRegistrationDto(long Id, DateTimeOffset RegisteredAt, DateTimeOffset? CheckedInAt, string? CertificateNumber, string? CertificateLink);

/// <param name="Status">upcoming, ongoing, finished or cancelled (by China's calendar day).</param>
/// <param name="CanRegister">Whether the caller may register themself now; <paramref name="RegisterBlocked"/> says why not.</param>
public sealed record TrainingEventDto(long Id, string Title, string Organiser, DateOnly StartsOn, DateOnly EndsOn, string? Place, decimal Hours, int? Capacity,
    string? Audience, string RegionCode, string? RegionName, string? Description, bool RegistrationOpen, string Status, string StatusLabel, int Registered,
    int CheckedIn, int Certified, bool IsExample, bool CanRegister, string? RegisterBlocked, MyRegistrationDto? MyRegistration);

/// <summary>A participant as the bureau's list shows it: the phone masked.</summary>
public sealed record RegistrationDto(long Id, string Name, string? UnitName, string? Phone, bool HasAccount, string Source, string SourceLabel,
    DateTimeOffset RegisteredAt, DateTimeOffset? CheckedInAt, string? CheckInMethod, string? CheckInMethodLabel, string? CertificateNumber,
    string? CertificateLink);

public sealed record TrainingEventRequest(string? Title, string? Organiser, DateOnly? StartsOn, DateOnly? EndsOn, string? Place, decimal? Hours, int? Capacity,
    string? Audience, string? RegionCode, string? Description, bool? RegistrationOpen, bool? Cancelled);

/// <summary>One of the caller's registrations, with the hours it earned once checked in.</summary>
public sealed record MyTrainingDto(long RegistrationId, long EventId, string Title, string Organiser, DateOnly StartsOn, DateOnly EndsOn, decimal Hours,
    string Status, string StatusLabel, DateTimeOffset? CheckedInAt, string? CertificateNumber, string? CertificateLink);

public sealed record MyTrainingSummary(MyTrainingDto[] Items, int Attended, decimal Hours);
