using static Zhichan.Api.Features.Plans.ProgressReports.ProgressReportQueries;

namespace Zhichan.Api.Features.Plans.ProgressReports;

/// <summary>Progress reports: the bureau sees all (or those awaiting review), a unit its own.</summary>
public static class ListProgressReports
{
    /// <summary>Staff: every report (status filter for the review queue); other units: the reports of their own unit.</summary>
    public static async Task<Ok<List<ProgressReportDto>>> HandleAsync(string? status, long? planId, NpgsqlDataSource db, CurrentUser me, CancellationToken ct)
    {
        new Validation().OneOf("status", status, StatusNames.Keys, "报告状态").ThrowIfInvalid();
        await using var conn = await db.OpenConnectionAsync(ct);
        var rows = await conn.QueryAsync<Row>(Select + """
             WHERE (@status::text IS NULL OR r.status = @status) AND (@planId::bigint IS NULL OR t.plan_id = @planId) AND (@staff OR r.org_unit_id = @org)
             ORDER BY r.submitted_at DESC LIMIT 500
            """, new { status, planId, staff = me.IsStaff, org = me.OrgUnitId ?? -1 });
        return TypedResults.Ok(await ToDtosAsync(conn, rows));
    }
}
