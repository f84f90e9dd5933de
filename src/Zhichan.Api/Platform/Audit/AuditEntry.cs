using System.Text.Json;
using NpgsqlTypes;

namespace Zhichan.Api.Platform.Audit;

/// <summary>One row of the audit log: who did what to which entity, with the state before and after.</summary>
public sealed class AuditEntry
{
    public long Id { get; set; }
    public DateTimeOffset At { get; set; } = DateTimeOffset.UtcNow;
    public long? ActorId { get; set; }
    public string ActorName { get; set; } = "";
    public string Action { get; set; } = "";
    public string Entity { get; set; } = "";
    public string? EntityId { get; set; }
    public JsonDocument? Before { get; set; }
    public JsonDocument? After { get; set; }
    public string? Ip { get; set; }
    public string? CorrelationId { get; set; }
}

/// <summary>Marks a property whose value must never be written to the audit log (password hashes, secrets).</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class NotAuditedAttribute : Attribute;

/// <summary>Audit rows for writes that do not go through EF (bulk imports, hand-written SQL).</summary>
public static class AuditLog
{
    public static async Task WriteAsync(NpgsqlConnection conn, NpgsqlTransaction? tx, CurrentUser actor, string action, string entity,
        string? entityId, object? before, object? after, CancellationToken ct = default)
    {
        await using var cmd = new NpgsqlCommand("""
            INSERT INTO audit_log (actor_id, actor_name, action, entity, entity_id, before, after, ip, correlation_id)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
            """, conn, tx);
        cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)actor.Id ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Bigint });
        cmd.Parameters.Add(new NpgsqlParameter { Value = actor.Name });
        cmd.Parameters.Add(new NpgsqlParameter { Value = action });
        cmd.Parameters.Add(new NpgsqlParameter { Value = entity });
        cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)entityId ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        cmd.Parameters.Add(new NpgsqlParameter { Value = before is null ? DBNull.Value : JsonSerializer.Serialize(before), NpgsqlDbType = NpgsqlDbType.Jsonb });
        cmd.Parameters.Add(new NpgsqlParameter { Value = after is null ? DBNull.Value : JsonSerializer.Serialize(after), NpgsqlDbType = NpgsqlDbType.Jsonb });
        cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)actor.Ip ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)actor.CorrelationId ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <summary>An explicit audit row added to an EF unit of work (saved with it, in its transaction).</summary>
    public static void Add(Database.ZhichanDb db, CurrentUser actor, string action, string entity, string? entityId, object? before, object? after) =>
        db.AuditLog.Add(new AuditEntry
        {
            ActorId = actor.Id, ActorName = actor.Name, Action = action, Entity = entity, EntityId = entityId,
            Before = before is null ? null : JsonSerializer.SerializeToDocument(before), After = after is null ? null : JsonSerializer.SerializeToDocument(after),
            Ip = actor.Ip, CorrelationId = actor.CorrelationId,
        });

    public static async Task WriteAsync(NpgsqlDataSource db, CurrentUser actor, string action, string entity, string? entityId,
        object? before, object? after, CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await WriteAsync(conn, null, actor, action, entity, entityId, before, after, ct);
    }
}
