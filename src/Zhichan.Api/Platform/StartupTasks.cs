namespace Zhichan.Api.Platform;

/// <summary>Work done once at start-up after the migrations (demo data, reference data), in Order.</summary>
public interface IStartupTask
{
    int Order { get; }
    Task RunAsync(CancellationToken ct);
}

public static class StartupTasks
{
    /// <summary>
    /// Runs every start-up task in order under one session advisory lock, so that instances started together against one
    /// database run them one after another: the second finds the seeds and accounts in place instead of racing the first
    /// into unique violations (ADR 0061).
    /// </summary>
    public static async Task RunAllAsync(IServiceProvider services, CancellationToken ct)
    {
        var db = services.GetRequiredService<NpgsqlDataSource>();
        await using var conn = await db.OpenConnectionAsync(ct);
        await using (var l = new NpgsqlCommand($"SELECT pg_advisory_lock({AdvisoryLocks.StartupTasks})", conn)) await l.ExecuteNonQueryAsync(ct);
        try
        {
            var total = System.Diagnostics.Stopwatch.StartNew();
            var took = new List<string>();
            foreach (var task in services.GetServices<IStartupTask>().OrderBy(t => t.Order))
            {
                var one = System.Diagnostics.Stopwatch.StartNew();
                await task.RunAsync(ct);
                took.Add($"{task.GetType().Name} {one.ElapsedMilliseconds}");
            }
            services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(StartupTasks))
                .LogInformation("Start-up tasks took {Ms} ms ({Tasks})", total.ElapsedMilliseconds, string.Join(", ", took));
        }
        finally
        {
            await using var u = new NpgsqlCommand($"SELECT pg_advisory_unlock({AdvisoryLocks.StartupTasks})", conn);
            await u.ExecuteNonQueryAsync(CancellationToken.None);
        }
    }
}
