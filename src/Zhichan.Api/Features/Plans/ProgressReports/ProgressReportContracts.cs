namespace Zhichan.Api.Features.Plans.ProgressReports;

public sealed record ProgressReportDto(long Id, long TaskId, string TaskNo, string TaskTitle, long PlanId, long OrgUnitId, string OrgUnitName, string Author,
    string Period, string Content, int Percent, long[] AttachmentIds, string IndicatorValues, string Status, string StatusName, string? ReviewComment,
    DateTime? ReviewedAt, DateTime SubmittedAt, IReadOnlyList<ReportAttachmentDto>? Attachments = null, IReadOnlyList<ReportedValueDto>? ReportedValues = null);

/// <summary>A value reported in a progress report, with the indicator's name and unit; valueId once the accepted report made it an indicator value.</summary>
public sealed record ReportedValueDto(string Code, string? Name, string? Unit, string RegionCode, int Year, decimal Value, long? ValueId, string? RegionName = null);
