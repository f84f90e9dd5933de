namespace Zhichan.Api.Features.Protection.Cases;

public sealed record Countdown(string Kind, string Label, DateOnly Due, int WorkingDaysLeft, bool DueSoon, bool Overdue);

public sealed record CaseRow(long Id, string ReceiptNumber, string Type, string TypeLabel, string Channel, string Status, string StatusLabel,
    bool FastTrack, string ComplainantName, string RespondentName, string? RightNumber, string? RegionCode, long? HandlingUnitId,
    string? HandlingUnitName, DateOnly ReceivedOn, Countdown? Countdown, bool PossibleDuplicate);

/// <param name="ActorName">The person's name (the account's display name), or how the actor was recorded (投诉人, 系统).</param>
public sealed record CaseEventDto(long Id, DateTimeOffset At, string ActorName, string Action, string? FromStatus, string? ToStatus, string? Note, bool IsPublic);

public sealed record CaseFileDto(long Id, string FileName, string ContentType, long SizeBytes, string Kind, string Visibility, string VisibilityLabel,
    DateTimeOffset UploadedAt);

public sealed record MediationDto(long Id, DateOnly HeldOn, string Mediator, string? Participants, string Result, string? Agreement, bool JudicialConfirmation,
    long? CourtUnitId, string? CourtName, DateOnly? ConfirmationAppliedOn, string? Ruling, DateOnly? RulingOn, string? RulingDocumentNumber, string? RulingNote,
    bool CanApplyConfirmation, bool CanRecordRuling);

public sealed record InvestigatorDto(long Id, long? ExpertId, long? UserId, string Name, string ConflictCheckedNote, DateTimeOffset AssignedAt);

public sealed record ReferralDto(long Id, long ComplaintId, string ReceiptNumber, long ToUnitId, string ToUnitName, string Reason, DateOnly SentOn, DateOnly ReplyDue,
    DateOnly? RepliedOn, string? Reply, string? ReplyResult, bool Overdue);

public sealed record CaseDetail(long Id, string ReceiptNumber, string Type, string TypeLabel, string Channel, string Status, string StatusLabel,
    bool FastTrack, string[] FastTrackReasons, string ComplainantKind, string ComplainantName, string? ComplainantIdNumber, string ComplainantPhone,
    string? ComplainantEmail, string? ComplainantAddress, string? RightType, string? RightNumber, long? RightRecordId, string? RightTitle,
    string? RightStatus, string? RightOwner, string RespondentName, string? RespondentAddress, string? RespondentPlatform, string? RespondentUrl,
    string Facts, string? Industry, string? RegionCode, long? HandlingUnitId, string? HandlingUnitName, long? MergedIntoId, long? PossibleDuplicateOf,
    DateOnly ReceivedOn, DateOnly AcceptDue, DateOnly? AcceptedOn, DateOnly? FiledOn, DateOnly? DecisionDue, bool Extended, string? ExtensionReason,
    string? RejectReason, string? Decision, string? Outcome, DateOnly? ClosedOn, int? Satisfaction, string? SatisfactionComment,
    Countdown[] Countdowns, string[] AllowedActions, CaseEventDto[] Events, CaseFileDto[] Files, MediationDto[] Mediations,
    InvestigatorDto[] Investigators, ReferralDto[] Referrals, string DataView, string DataViewLabel);
