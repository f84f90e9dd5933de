using static Zhichan.Api.Features.Plans.Notices.NoticeKinds;

namespace Zhichan.Api.Features.Plans.Notices;

/// <summary>Supervision notices: the bureau sees all, a unit those addressed to it.</summary>
public static class ListSupervisionNotices
{
    public static async Task<Ok<List<NoticeDto>>> HandleAsync(bool? unreadOnly, NpgsqlDataSource db, CurrentUser me, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        var notices = (await conn.QueryAsync<(long Id, long? PlanId, string Title, string Body, string Kind, DateTime IssuedAt)>("""
            SELECT n.id, n.plan_id, n.title, n.body, n.kind, n.issued_at FROM supervision_notices n
            WHERE @staff OR EXISTS (SELECT 1 FROM supervision_notice_targets t WHERE t.notice_id = n.id AND t.org_unit_id = @org
                                    AND (NOT @unread OR t.read_at IS NULL))
            ORDER BY n.issued_at DESC LIMIT 200
            """, new { staff = me.IsStaff, org = me.OrgUnitId ?? -1, unread = unreadOnly == true })).ToList();
        var ids = notices.Select(n => n.Id).ToArray();
        var targets = (await conn.QueryAsync<(long NoticeId, long OrgUnitId, string Name, DateTime? ReadAt)>("""
            SELECT t.notice_id, t.org_unit_id, o.name, t.read_at FROM supervision_notice_targets t JOIN org_units o ON o.id = t.org_unit_id
            WHERE t.notice_id = ANY(@ids) ORDER BY o.id
            """, new { ids })).ToLookup(t => t.NoticeId);
        return TypedResults.Ok(notices.Select(n =>
        {
            var ts = targets[n.Id].Where(t => me.IsStaff || t.OrgUnitId == me.OrgUnitId).Select(t => new NoticeTargetDto(t.OrgUnitId, t.Name, t.ReadAt)).ToList();
            return new NoticeDto(n.Id, n.PlanId, n.Title, n.Body, n.Kind, Kinds[n.Kind], n.IssuedAt, ts, ts.Count > 0 && ts.All(t => t.ReadAt is not null));
        }).ToList());
    }
}
