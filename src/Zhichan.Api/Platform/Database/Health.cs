using Microsoft.Extensions.DependencyInjection;

namespace Zhichan.Api.Platform.Database;

/// <summary>A standby streaming from the primary, as the primary sees it (pg_stat_replication).</summary>
/// <param name="ReplayLagSeconds">How far the standby's replay is behind the primary; 0 when it has caught up (PostgreSQL reports no lag then).</param>
public sealed record ReplicaHealth(string Name, string? Address, string State, double ReplayLagSeconds);

/// <summary>The answer of /healthz.</summary>
/// <param name="ReadsFrom">Where reads that tolerate lag go now: "standby" or "primary" (no standby configured or none answers).</param>
public sealed record HealthDto(string Status, string ReadsFrom, IReadOnlyList<ReplicaHealth> Replicas);

/// <summary>
/// GET /healthz for load balancers and monitoring (anonymous, ADR 0069): 200 with the replicas' replay lag and where reads go when
/// the primary answers; 503 problem details when it does not. A standby that is down makes no 503 — reads fall back to the
/// primary — but it disappears from <see cref="HealthDto.Replicas"/>. The lag columns need the pg_monitor role (or a superuser).
/// </summary>
public static class Health
{
    public static async Task<IResult> HandleAsync(NpgsqlDataSource db, [FromKeyedServices(DataSources.Read)] NpgsqlDataSource read, CancellationToken ct)
    {
        List<ReplicaHealth> replicas;
        try
        {
            await using var conn = await db.OpenConnectionAsync(ct);
            replicas = (await conn.QueryAsync<ReplicaHealth>(new CommandDefinition("""
                SELECT application_name AS name, host(client_addr) AS address, state,
                       COALESCE(EXTRACT(epoch FROM replay_lag), 0)::float8 AS replay_lag_seconds
                FROM pg_stat_replication ORDER BY application_name, client_addr
                """, commandTimeout: 3, cancellationToken: ct))).ToList();
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException or InvalidOperationException)
        {
            return Results.Problem(statusCode: 503, title: "数据库不可用", detail: "无法连接数据库");
        }
        var readsFrom = "primary";
        if (!ReferenceEquals(db, read))
        {
            try
            {
                await using var conn = await read.OpenConnectionAsync(ct);
                if (await conn.ExecuteScalarAsync<bool>(new CommandDefinition("SELECT pg_is_in_recovery()", commandTimeout: 3, cancellationToken: ct))) readsFrom = "standby";
            }
            catch (Exception e) when (e is NpgsqlException or TimeoutException) { }
        }
        return Results.Ok(new HealthDto("ok", readsFrom, replicas));
    }
}
