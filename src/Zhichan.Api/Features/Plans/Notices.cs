using Dapper;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;
using Zhichan.Api.Platform.Audit;
using Zhichan.Api.Platform.Auth;
using Zhichan.Api.Platform.Errors;

namespace Zhichan.Api.Features.Plans;

public sealed record NoticeRequest(long? PlanId, string? Title, string? Body, string? Kind, long[]? OrgUnitIds);

public sealed record NoticeTargetDto(long OrgUnitId, string Name, DateTime? ReadAt);

public sealed record NoticeDto(long Id, long? PlanId, string Title, string Body, string Kind, string KindName, DateTime IssuedAt, IReadOnlyList<NoticeTargetDto> Targets,
    bool Read);

/// <summary>督查通报: the bureau issues a notice to units; each unit sees its notices (home page) and marks them read.</summary>
public static class Notices
{
    private static readonly Dictionary<string, string> Kinds = new() { ["notice"] = "督查通报", ["praise"] = "通报表扬", ["criticism"] = "通报批评" };

    public static async Task<Ok<List<NoticeDto>>> ListAsync(bool? unreadOnly, NpgsqlDataSource db, CurrentUser me, CancellationToken ct)
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

    public static async Task<Created<NoticeDto>> CreateAsync(NoticeRequest req, NpgsqlDataSource db, CurrentUser me, CancellationToken ct)
    {
        var v = new Validation();
        v.Required("title", req.Title, "通报标题").MaxLength("title", req.Title, 200, "通报标题").Required("body", req.Body, "通报内容")
            .MaxLength("body", req.Body, 20000, "通报内容").OneOf("kind", req.Kind, Kinds.Keys, "通报类型");
        if (req.OrgUnitIds is not { Length: > 0 }) v.Add("orgUnitIds", "请至少选择一个通报对象单位");
        v.ThrowIfInvalid();
        await using var conn = await db.OpenConnectionAsync(ct);
        var ids = req.OrgUnitIds!.Distinct().ToArray();
        var found = await conn.ExecuteScalarAsync<long>("SELECT count(*) FROM org_units WHERE id = ANY(@ids)", new { ids });
        if (found != ids.Length) throw new RequestValidationException("orgUnitIds", "通报对象中有不存在的单位");
        if (req.PlanId is { } planId && !await conn.ExecuteScalarAsync<bool>("SELECT EXISTS (SELECT 1 FROM plans WHERE id = @planId)", new { planId }))
            throw new RequestValidationException("planId", "工作方案不存在");
        await using var tx = await conn.BeginTransactionAsync(ct);
        var kind = req.Kind ?? "notice";
        var id = await conn.ExecuteScalarAsync<long>("""
            INSERT INTO supervision_notices (plan_id, title, body, kind, issued_by) VALUES (@PlanId, @Title, @Body, @kind, @by) RETURNING id
            """, new { req.PlanId, Title = req.Title!.Trim(), Body = req.Body!.Trim(), kind, by = me.Id }, tx);
        await conn.ExecuteAsync("INSERT INTO supervision_notice_targets (notice_id, org_unit_id) SELECT @id, unnest(@ids)", new { id, ids }, tx);
        await AuditLog.WriteAsync(conn, tx, me, "create", "supervision_notices", id.ToString(), null, new { req.Title, kind, req.PlanId, targets = ids }, ct);
        await tx.CommitAsync(ct);
        var names = await conn.QueryAsync<(long Id, string Name)>("SELECT id, name FROM org_units WHERE id = ANY(@ids) ORDER BY id", new { ids });
        return TypedResults.Created("/api/plans/notices", new NoticeDto(id, req.PlanId, req.Title!.Trim(), req.Body!.Trim(), kind, Kinds[kind], DateTime.UtcNow,
            names.Select(n => new NoticeTargetDto(n.Id, n.Name, null)).ToList(), false));
    }

    public static async Task<NoContent> MarkReadAsync(long noticeId, NpgsqlDataSource db, CurrentUser me, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        var n = await conn.ExecuteAsync("UPDATE supervision_notice_targets SET read_at = COALESCE(read_at, now()) WHERE notice_id = @noticeId AND org_unit_id = @org",
            new { noticeId, org = me.OrgUnitId ?? -1 });
        if (n == 0) throw new DomainException("通报不存在或不是发给本单位的", 404);
        await AuditLog.WriteAsync(conn, null, me, "read", "supervision_notices", noticeId.ToString(), null, new { orgUnitId = me.OrgUnitId }, ct);
        return TypedResults.NoContent();
    }
}
