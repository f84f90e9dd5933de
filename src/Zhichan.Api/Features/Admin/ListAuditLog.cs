using System.Text.Json;

namespace Zhichan.Api.Features.Admin;

/// <param name="ActorName">The account name as recorded.</param>
/// <param name="ActorDisplayName">The person's name (the account's display name), when the account exists.</param>
/// <param name="ActionName">The action in Chinese (登录, 审核, 发布 …).</param>
/// <param name="EntityName">The kind of object in Chinese (用户, 进展报告, 投诉案件 …).</param>
public sealed record AuditDto(long Id, DateTimeOffset At, long? ActorId, string ActorName, string Action, string Entity, string? EntityId,
    JsonElement? Before, JsonElement? After, string? Ip, string? CorrelationId, string? ActorDisplayName = null, string ActionName = "", string EntityName = "");

/// <summary>The audit log filtered by actor, object, action and time.</summary>
public static class ListAuditLog
{
    public static async Task<Ok<Page<AuditDto>>> HandleAsync(ZhichanDb db, string? actor, string? entity, string? entityId, string? action,
        DateTimeOffset? from, DateTimeOffset? to, int? page = null, int? pageSize = null, CancellationToken ct = default)
    {
        var (_, size, offset) = Paging.Of(page, pageSize, 50, 500);
        var q = db.AuditLog.AsNoTracking().AsQueryable();
        if (!string.IsNullOrWhiteSpace(actor)) q = q.Where(a => EF.Functions.ILike(a.ActorName, $"%{actor}%"));
        if (!string.IsNullOrWhiteSpace(entity)) q = q.Where(a => a.Entity == entity);
        if (!string.IsNullOrWhiteSpace(entityId)) q = q.Where(a => a.EntityId == entityId);
        if (!string.IsNullOrWhiteSpace(action)) q = q.Where(a => a.Action == action);
        if (from is not null) q = q.Where(a => a.At >= from);
        if (to is not null) q = q.Where(a => a.At < to);
        var total = await q.LongCountAsync(ct);
        var rows = await q.OrderByDescending(a => a.Id).Skip(offset).Take(size).ToListAsync(ct);
        var actorIds = rows.Select(a => a.ActorId).OfType<long>().Distinct().ToList();
        var names = await db.Users.AsNoTracking().Where(u => actorIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        return TypedResults.Ok(new Page<AuditDto>(rows.Select(a => new AuditDto(a.Id, a.At, a.ActorId, a.ActorName, a.Action, a.Entity, a.EntityId,
            a.Before?.RootElement.Clone(), a.After?.RootElement.Clone(), a.Ip, a.CorrelationId,
            a.ActorId is { } id ? names.GetValueOrDefault(id) : a.ActorName == "system" ? "系统" : null,
            AuditNames.Action(a.Action), AuditNames.Entity(a.Entity))).ToList(), total));
    }
}
