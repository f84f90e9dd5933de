using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http.Timeouts;
using Zhichan.Api.Platform.Observability;

namespace Zhichan.Api.Platform.Security;

/// <summary>
/// Load shedding (ADR 0068). Past what the machine can serve, a request waits a short, bounded time for its turn and is
/// otherwise answered at once with 503, a Chinese problem and <c>Retry-After</c> — never left to queue into a client's
/// time-out or the connection pool's. Every <c>/api</c> request passes one gate of its class:
/// <list type="bullet">
/// <item>expensive reads marked with <see cref="ShedUnderLoad{TBuilder}"/> (search with its facets, exports, the cockpit):
/// ZHICHAN_HEAVY_CONCURRENCY at a time per class, the anonymous public and signed-in staff each with their own gate (a flood of
/// public searches never takes the staff's turn);</item>
/// <item>every other request: ZHICHAN_MAX_CONCURRENT_REQUESTS at a time (below the database connection pool).</item>
/// </list>
/// A request finds its gate full: it queues (at most ZHICHAN_HEAVY_QUEUE per gate) for at most ZHICHAN_HEAVY_WAIT_MS, then
/// is shed. The rate limits (per visitor and per account, <see cref="RateLimits"/>) run first: a single client over its
/// share gets 429, a machine over its capacity 503.
/// <para>
/// An expensive interactive read (search, statistics, the cockpit — not an export) also has a deadline (ADR 0070):
/// ZHICHAN_REQUEST_DEADLINE_MS from its arrival, its wait in the gate included. Past it, ASP.NET Core's request time-outs cancel
/// the request's token, its database queries are cancelled with it, and it is answered 503 with the same problem and
/// Retry-After — before a waiting person or a proxy gives up on it, and without the server finishing work nobody reads.
/// </para>
/// </summary>
public static class LoadShedding
{
    public const string Search = "search", Export = "export", Cockpit = "cockpit";

    /// <summary>The endpoint's gate class.</summary>
    public sealed record ShedClass(string Name);

    /// <summary>Marks an expensive read: it passes the gate of <paramref name="name"/> (<see cref="Search"/>, <see cref="Export"/>, <see cref="Cockpit"/>).</summary>
    public static TBuilder ShedUnderLoad<TBuilder>(this TBuilder builder, string name) where TBuilder : IEndpointConventionBuilder =>
        name == Export ? builder.WithMetadata(new ShedClass(name)) : builder.WithMetadata(new ShedClass(name), new RequestTimeoutAttribute(DeadlinePolicy));

    /// <summary>The request time-out policy of expensive interactive reads.</summary>
    private const string DeadlinePolicy = "interactive-read";

    /// <summary>Seconds a shed client is asked to wait before trying again.</summary>
    public const int RetryAfterSeconds = 2;

    public static void AddZhichanLoadShedding(this IServiceCollection services, ZhichanOptions options)
    {
        services.AddSingleton<Gates>();
        services.AddRequestTimeouts(o => o.AddPolicy(DeadlinePolicy, new RequestTimeoutPolicy
        {
            Timeout = options.RequestDeadlineMilliseconds > 0 ? TimeSpan.FromMilliseconds(options.RequestDeadlineMilliseconds) : null,
            TimeoutStatusCode = StatusCodes.Status503ServiceUnavailable,
            WriteTimeoutResponse = ctx =>
            {
                ctx.RequestServices.GetRequiredService<Gates>().Shed(ctx.GetEndpoint()?.Metadata.GetMetadata<ShedClass>()?.Name ?? "default", "deadline");
                return WriteBusyAsync(ctx, $"查询未能在 {options.RequestDeadlineMilliseconds / 1000.0:0.#} 秒内完成（当前访问人数较多），已停止；请 {RetryAfterSeconds} 秒后重试");
            },
        }));
    }

    /// <summary>
    /// The deadline of expensive reads (ADR 0070): right after the exception handler, so that it counts from the request's
    /// arrival — authentication (a session check in the database), the rate limiter and the gate's wait included.
    /// </summary>
    public static void UseZhichanDeadlines(this WebApplication app) => app.UseRequestTimeouts();

    /// <summary>After the rate limiter: a client over its own limit is told so (429) before it takes a place in a gate.</summary>
    public static void UseZhichanLoadShedding(this WebApplication app)
    {
        var gates = app.Services.GetRequiredService<Gates>();
        app.Use(async (ctx, next) =>
        {
            if (!ctx.Request.Path.StartsWithSegments("/api")) { await next(ctx); return; }
            var cls = ctx.GetEndpoint()?.Metadata.GetMetadata<ShedClass>()?.Name;
            var staff = ctx.User.Identity?.IsAuthenticated == true;
            var gate = gates.For(cls is null ? "default" : staff ? cls + ":staff" : cls + ":public", cls is null);
            using var lease = await gates.AcquireAsync(gate, ctx.RequestAborted);
            if (lease is null)
            {
                gates.Shed(cls ?? "default", "queue");
                ctx.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                await WriteBusyAsync(ctx, $"当前访问人数较多，请 {RetryAfterSeconds} 秒后重试");
                return;
            }
            await next(ctx);
        });
    }

    /// <summary>The 503 problem of a shed request (the status is set by the caller) with Retry-After.</summary>
    private static async Task WriteBusyAsync(HttpContext ctx, string detail)
    {
        ctx.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        await ctx.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = ctx,
            ProblemDetails = { Status = 503, Title = "系统繁忙", Detail = detail },
        });
    }

    /// <summary>The gates by name, created on first use with the configured sizes.</summary>
    public sealed class Gates(ZhichanOptions options, ZhichanMetrics metrics)
    {
        private readonly System.Collections.Concurrent.ConcurrentDictionary<string, ConcurrencyLimiter> _gates = new(StringComparer.Ordinal);

        public ConcurrencyLimiter For(string name, bool general) => _gates.GetOrAdd(name, _ => new ConcurrencyLimiter(new ConcurrencyLimiterOptions
        {
            PermitLimit = general ? options.MaxConcurrentRequests : options.HeavyConcurrency,
            QueueLimit = general ? 4 * options.MaxConcurrentRequests : options.HeavyQueue,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        }));

        /// <summary>A lease of the gate, or null when the queue is full or the wait ran out (the request is then shed).</summary>
        public async Task<RateLimitLease?> AcquireAsync(ConcurrencyLimiter gate, CancellationToken aborted)
        {
            var now = gate.AttemptAcquire();
            if (now.IsAcquired) return now;
            now.Dispose();
            using var wait = CancellationTokenSource.CreateLinkedTokenSource(aborted);
            wait.CancelAfter(options.HeavyWaitMilliseconds);
            try
            {
                var lease = await gate.AcquireAsync(1, wait.Token);
                if (lease.IsAcquired) return lease;
                lease.Dispose();
                return null;
            }
            catch (OperationCanceledException) when (!aborted.IsCancellationRequested)
            {
                return null;
            }
        }

        public void Shed(string cls, string reason) => metrics.RequestShed(cls, reason);
    }
}
