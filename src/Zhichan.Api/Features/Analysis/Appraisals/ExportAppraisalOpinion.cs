namespace Zhichan.Api.Features.Analysis.Appraisals;

/// <summary>The opinion (评议意见书) as a Word document, for whoever sees the appraisal (audited as an export).</summary>
public static class ExportAppraisalOpinion
{
    public static async Task<FileContentHttpResult> HandleAsync(long id, ZhichanDb db, NpgsqlDataSource data, CurrentUser me, TimeProvider clock, CancellationToken ct)
    {
        var content = await ContentAsync(id, db, data, me, clock, ct);
        var bytes = AppraisalOpinionDocument.Docx(content);
        await AuditLog.WriteAsync(data, me, "export", "appraisals", id.ToString(), null, new { format = "docx", bytes = bytes.Length }, ct);
        return TypedResults.File(bytes, "application/vnd.openxmlformats-officedocument.wordprocessingml.document", $"appraisal-opinion-{id}.docx");
    }

    /// <summary>The appraisal as the caller sees it, dated by its archiving (or today while it is worked).</summary>
    public static async Task<AppraisalOpinionDocument.Content> ContentAsync(long id, ZhichanDb db, NpgsqlDataSource data, CurrentUser me, TimeProvider clock, CancellationToken ct)
    {
        var a = await AppraisalQueries.FindAsync(db, me, id, ct);
        var detail = await AppraisalQueries.DetailAsync(db, data, a, me, ChinaTime.Today(clock), ct);
        var archived = detail.Timeline.LastOrDefault(e => e.Action == "archive")?.At;
        var date = archived is { } at ? DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, ChinaTime.Zone).DateTime) : ChinaTime.Today(clock);
        return new(detail, date);
    }
}
