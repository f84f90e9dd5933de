using System.Net.Sockets;

namespace Zhichan.Api.Platform.Errors;

/// <summary>
/// Recognises a database that is away for a moment — restarting, shutting down, not yet accepting connections, out of
/// connection slots, unreachable, or read-only (a standby, a demoted primary, <c>default_transaction_read_only</c>) — as
/// opposed to an error of the request or of the code (ADR 0063). The API answers such a failure with 503 and
/// <c>Retry-After</c> instead of 500, and a job leaves its work to be resumed instead of failing it.
/// </summary>
public static class DatabaseUnavailable
{
    /// <summary>SQLSTATEs of a server that cannot serve now: admin/crash shutdown, cannot connect now, too many connections, read-only transaction.</summary>
    private static readonly HashSet<string> States =
    [
        PostgresErrorCodes.AdminShutdown, PostgresErrorCodes.CrashShutdown, PostgresErrorCodes.CannotConnectNow,
        PostgresErrorCodes.TooManyConnections, PostgresErrorCodes.ReadOnlySqlTransaction,
    ];

    /// <summary>Seconds a client is asked to wait before retrying (a restart of PostgreSQL takes a few).</summary>
    public const int RetryAfterSeconds = 5;

    public static bool Is(Exception? e)
    {
        for (var depth = 0; e is not null && depth < 8; e = e.InnerException, depth++)
        {
            switch (e)
            {
                case PostgresException pg:
                    // class 08: connection exceptions
                    return States.Contains(pg.SqlState) || pg.SqlState.StartsWith("08", StringComparison.Ordinal);
                case NpgsqlException npg when npg.IsTransient || npg.InnerException is SocketException or IOException or TimeoutException:
                    return true;
                case SocketException:
                    return true;
            }
        }
        return false;
    }
}
