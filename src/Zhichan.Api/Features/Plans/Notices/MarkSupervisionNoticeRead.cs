namespace Zhichan.Api.Features.Plans.Notices;

/// <summary>A unit marks a notice addressed to it as read.</summary>
public static class MarkSupervisionNoticeRead
{
    public static async Task<NoContent> HandleAsync(long noticeId, NpgsqlDataSource db, CurrentUser me, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        var n = await conn.ExecuteAsync("UPDATE supervision_notice_targets SET read_at = COALESCE(read_at, now()) WHERE notice_id = @noticeId AND org_unit_id = @org",
            new { noticeId, org = me.OrgUnitId ?? -1 });
        if (n == 0) throw new DomainException("通报不存在或不是发给本单位的", 404);
        await AuditLog.WriteAsync(conn, null, me, "read", "supervision_notices", noticeId.ToString(), null, new { orgUnitId = me.OrgUnitId }, ct);
        return TypedResults.NoContent();
    }
}
