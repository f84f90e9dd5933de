using System.Text.Json;

namespace Zhichan.Api.Features.Registries.Entities;

/// <summary>
/// The entity page's history (<c>entity_history</c>: what happened, in Chinese) and the audit log rows of the writes that do not
/// go through EF (merges, splits, names, links: hand-written SQL).
/// </summary>
internal static class EntityAudit
{
    public static Task HistoryAsync(NpgsqlConnection conn, NpgsqlTransaction tx, long entityId, long? otherId, string action, string summary, object? detail,
        CurrentUser actor, CancellationToken ct) =>
        conn.ExecuteAsync(new CommandDefinition("""
            INSERT INTO entity_history (entity_id, other_entity_id, action, summary, detail, actor_name) VALUES (@entityId, @otherId, @action, @summary, @detail::jsonb, @actor)
            """, new { entityId, otherId, action, summary, detail = detail is null ? null : JsonSerializer.Serialize(detail), actor = actor.Name }, tx, cancellationToken: ct));

    /// <summary>One audit row (entity <c>entities</c>) with the state before and after.</summary>
    public static Task AuditAsync(NpgsqlConnection conn, NpgsqlTransaction tx, CurrentUser actor, string action, string entityId, object? before, object? after,
        CancellationToken ct) =>
        AuditLog.WriteAsync(conn, tx, actor, action, "entities", entityId, before, after, ct);

    /// <summary>A history row added to an EF unit of work (saved, and audited, with it).</summary>
    public static void History(ZhichanDb db, long entityId, string action, string summary, CurrentUser actor, long? otherId = null) =>
        db.Set<EntityHistoryEntry>().Add(new EntityHistoryEntry { EntityId = entityId, OtherEntityId = otherId, Action = action, Summary = summary, ActorName = actor.Name });
}
