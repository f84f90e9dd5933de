using System.Text.Json;
using static Zhichan.Api.Features.Plans.ProgressReports.ProgressReportQueries;

namespace Zhichan.Api.Features.Plans.ProgressReports;

public sealed record ReportReviewRequest(string? Decision, string? Comment);

/// <summary>The bureau accepts or returns a progress report; accepted reported values become indicator values.</summary>
public static class ReviewProgressReport
{
    /// <summary>Bureau review: accept (the task's progress and status follow the report) or return with a reason.</summary>
    public static async Task<Ok<ProgressReportDto>> HandleAsync(long reportId, ReportReviewRequest req, NpgsqlDataSource db, CurrentUser me, CancellationToken ct)
    {
        var v = new Validation();
        v.Required("decision", req.Decision, "审核结论").OneOf("decision", req.Decision, ["accept", "return"], "审核结论").MaxLength("comment", req.Comment, 2000, "审核意见");
        if (req.Decision == "return") v.Required("comment", req.Comment, "退回理由");
        v.ThrowIfInvalid();
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var r = await conn.QuerySingleOrDefaultAsync<(long TaskId, string Status, int Percent, long OrgUnitId, long AuthorId, string Values)?>(
            "SELECT task_id, status, percent, org_unit_id, author_id, indicator_values::text FROM progress_reports WHERE id = @reportId FOR UPDATE", new { reportId }, tx)
            ?? throw new DomainException("进展报告不存在", 404);
        if (r.Status != "submitted") throw new DomainException($"该报告已{StatusNames[r.Status]}，不能重复审核", 409);
        var next = req.Decision == "accept" ? "accepted" : "returned";
        await conn.ExecuteAsync("UPDATE progress_reports SET status = @next, review_comment = @Comment, reviewed_by = @by, reviewed_at = now() WHERE id = @reportId",
            new { next, req.Comment, by = me.Id, reportId }, tx);
        if (next == "accepted")
            await conn.ExecuteAsync("""
                UPDATE plan_tasks SET progress = GREATEST(progress, @Percent), status = CASE WHEN GREATEST(progress, @Percent) >= 100 THEN 'completed' ELSE 'in_progress' END,
                       updated_at = now() WHERE id = @TaskId
                """, new { r.Percent, r.TaskId }, tx);
        if (next == "accepted")
        {
            // reported indicator values become indicator values only now, with the report as their lineage (ADR 0106)
            var values = (JsonSerializer.Deserialize<List<ReportedIndicatorValue>>(r.Values, JsonSerializerOptions.Web) ?? [])
                .Where(x => x.Code is not null && x.RegionCode is not null && x.Year is not null && x.Value is not null)
                .Select(x => new Indicators.ReportedValue(x.Code!, x.RegionCode!, x.Year!.Value, x.Value!.Value)).ToList();
            if (values.Count > 0) await Indicators.ReportedValues.AcceptFromReportAsync(conn, tx, reportId, r.OrgUnitId, r.AuthorId, values, me, ct);
        }
        await AuditLog.WriteAsync(conn, tx, me, "review", "progress_reports", reportId.ToString(), new { r.Status }, new { status = next, req.Comment }, ct);
        await tx.CommitAsync(ct);
        return TypedResults.Ok((await ToDtosAsync(conn, [await conn.QuerySingleAsync<Row>(Select + " WHERE r.id = @reportId", new { reportId })]))[0]);
    }
}
