using static Zhichan.Api.Features.Plans.Notices.NoticeKinds;

namespace Zhichan.Api.Features.Plans.Notices;

public sealed record NoticeRequest(long? PlanId, string? Title, string? Body, string? Kind, long[]? OrgUnitIds);

/// <summary>The bureau issues a supervision notice (督查通报) to units.</summary>
public static class CreateSupervisionNotice
{
    public static async Task<Created<NoticeDto>> HandleAsync(NoticeRequest req, NpgsqlDataSource db, CurrentUser me, CancellationToken ct)
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
}
