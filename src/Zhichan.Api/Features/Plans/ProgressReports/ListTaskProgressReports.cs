using static Zhichan.Api.Features.Plans.PlanQueries;
using static Zhichan.Api.Features.Plans.ProgressReports.ProgressReportQueries;

namespace Zhichan.Api.Features.Plans.ProgressReports;

/// <summary>
/// The progress reports of one task: the bureau sees all; a unit sees only the reports of its own unit, also on a task it
/// shares with others (a district never reads another district's report).
/// </summary>
public static class ListTaskProgressReports
{
    public static async Task<Ok<List<ProgressReportDto>>> HandleAsync(long taskId, NpgsqlDataSource db, CurrentUser me, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await EnsureVisibleAsync(conn, taskId, me);
        var rows = await conn.QueryAsync<Row>(Select + " WHERE r.task_id = @taskId AND (@staff OR r.org_unit_id = @org) ORDER BY r.submitted_at DESC",
            new { taskId, staff = me.IsStaff, org = me.OrgUnitId ?? -1 });
        return TypedResults.Ok(await ToDtosAsync(conn, rows));
    }
}
