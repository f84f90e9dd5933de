using System.Net.Sockets;

namespace Zhichan.Api.Platform.Database;

/// <summary>
/// One retry of a read whose pooled connection turned out to be dead (ADR 0069). When a standby stops (or any server restarts),
/// the idle connections the pool holds to it are closed by the server, and the pool learns it only when the next request uses
/// one: that request would fail although another server answers. For GET and HEAD requests — reads, safe to run twice — whose
/// response has not started, the filter drops the data source's idle connections and runs the endpoint once more; Npgsql then
/// connects afresh (a stopped standby is marked offline and reads go to the primary). Writes are never retried here: whether
/// their first attempt committed is unknown.
/// </summary>
public static class ReadRetry
{
    /// <summary>True for a connection the server closed or that broke (not for a query that timed out or failed on its own).</summary>
    public static bool IsBrokenConnection(Exception? e) => e switch
    {
        null => false,
        PostgresException p => p.SqlState is "57P01" or "57P02" or "57P03" || p.SqlState.StartsWith("08", StringComparison.Ordinal),
        NpgsqlException { InnerException: IOException or SocketException or EndOfStreamException } => true,
        _ => IsBrokenConnection(e.InnerException),
    };

    public static TBuilder WithReadRetry<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (ctx, next) =>
        {
            var http = ctx.HttpContext;
            try
            {
                return await next(ctx);
            }
            catch (Exception e) when ((HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method)) && !http.Response.HasStarted
                                      && IsBrokenConnection(e))
            {
                var services = http.RequestServices;
                if (services.GetService<NpgsqlMultiHostDataSource>() is { } multi) multi.Clear();
                else services.GetService<NpgsqlDataSource>()?.Clear();
                services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ReadRetry))
                    .LogWarning("A pooled database connection was closed by the server ({Error}); {Path} runs once more on a new connection", e.Message, http.Request.Path);
                return await next(ctx);
            }
        });
}
