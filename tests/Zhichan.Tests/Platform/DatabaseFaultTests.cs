using System.Net;
using System.Net.Http.Json;
using Npgsql;
using Zhichan.Tests.Infrastructure;

namespace Zhichan.Tests.Platform;

/// <summary>
/// The database turned read-only and its connections cut (what a restart or a demotion of the primary does to the app), on
/// this class's own database: every failure is a 503 problem with Retry-After, never a 500, reads go on, and the app
/// recovers by itself (ADR 0063).
/// </summary>
public class DatabaseFaultTests(DatabaseFaultTests.Factory app) : IClassFixture<DatabaseFaultTests.Factory>
{
    public sealed class Factory : ZhichanFactory;

    [Fact]
    public async Task DatabaseReadOnly_WritesAnswer503_ReadsContinue_RecoversAfterwards()
    {
        await app.ResetAsync();
        var signedIn = await app.CreateClientAsAsync("bureau");
        var name = new NpgsqlConnectionStringBuilder(app.ConnectionString).Database!;
        await SetReadOnlyAsync(name, true);
        try
        {
            // the app's pooled connections were cut: the first requests may meet a dead one (503), then reads are served again
            var anonymous = app.CreateAnonymousClient();
            await UntilAsync(() => anonymous.GetAsync("/api/records?q=%E9%94%82%E7%94%B5%E6%B1%A0&facets=false"), HttpStatusCode.OK);
            await UntilAsync(() => signedIn.GetAsync("/api/auth/me"), HttpStatusCode.OK); // the session check falls back to a pure read

            var write = await anonymous.PostAsJsonAsync("/api/auth/login", new { username = "police", password = ZhichanFactory.Password });
            var problem = await write.ShouldBeProblemAsync(HttpStatusCode.ServiceUnavailable);
            problem.GetProperty("title").GetString().ShouldBe("服务暂时不可用");
            write.Headers.RetryAfter.ShouldNotBeNull();
        }
        finally
        {
            await SetReadOnlyAsync(name, false);
        }
        // back to writable: the app recovers by itself, within 10 s
        var again = app.CreateAnonymousClient();
        await UntilAsync(() => again.PostAsJsonAsync("/api/auth/login", new { username = "police", password = ZhichanFactory.Password }), HttpStatusCode.OK);
    }

    /// <summary>Sets the database's default_transaction_read_only and cuts every connection to it, as a restart would.</summary>
    private async Task SetReadOnlyAsync(string database, bool on)
    {
        await using var conn = new NpgsqlConnection(app.ConnectionString);
        await conn.OpenAsync();
        await using (var set = new NpgsqlCommand($"ALTER DATABASE \"{database}\" {(on ? "SET default_transaction_read_only = on" : "RESET default_transaction_read_only")}", conn))
            await set.ExecuteNonQueryAsync();
        await using var cut = new NpgsqlCommand("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()", conn);
        cut.Parameters.Add(new NpgsqlParameter { Value = database });
        await cut.ExecuteScalarAsync();
    }

    /// <summary>Repeats the request until it answers <paramref name="wanted"/> (at most 10 s); every other answer on the way must be a 503 problem.</summary>
    private static async Task UntilAsync(Func<Task<HttpResponseMessage>> request, HttpStatusCode wanted)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            var res = await request();
            if (res.StatusCode == wanted) return;
            await res.ShouldBeProblemAsync(HttpStatusCode.ServiceUnavailable);
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"still {res.StatusCode} after 10 s");
            await Task.Delay(100);
        }
    }
}
