using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Zhichan.Bench;

/// <summary>
/// The built app (src/Zhichan.Api/bin/Release) started as a process of its own against a given database, as in production:
/// the fault and load scripts measure it from outside. Only lines containing <c>echo</c> of its log are printed.
/// </summary>
public static class AppProcess
{
    public const string Password = "Zhichan@2026";

    public static string Dll => Path.Combine(FindRoot(), "src", "Zhichan.Api", "bin", "Release", "net10.0", "Zhichan.Api.dll");

    /// <summary>
    /// Starts the app on <paramref name="port"/>. The public, login, complaint and per-user limits are lifted unless
    /// <paramref name="env"/> sets them; <paramref name="env"/> adds or overrides environment variables.
    /// </summary>
    public static Process Start(string cs, int port, string data, IReadOnlyDictionary<string, string>? env = null, string echo = "Job ", string? dll = null)
    {
        dll = dll is null ? Dll : Path.GetFullPath(dll);
        var psi = new ProcessStartInfo("dotnet") { WorkingDirectory = Path.GetDirectoryName(dll)!, UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        psi.ArgumentList.Add(dll);
        psi.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        psi.Environment["ZHICHAN_DB"] = cs;
        psi.Environment["ZHICHAN_DEMO_RECORDS"] = "0";
        psi.Environment["ZHICHAN_DEMO_PASSWORD"] = Password;
        psi.Environment["ZHICHAN_DATA"] = Path.GetFullPath(data); // the app runs in its bin folder
        foreach (var rate in new[] { "ZHICHAN_PUBLIC_RATE", "ZHICHAN_LOGIN_RATE", "ZHICHAN_USER_SEARCH_RATE", "ZHICHAN_USER_WRITE_RATE", "ZHICHAN_COMPLAINT_RATE" })
            psi.Environment[rate] = "1000000";
        psi.Environment["Logging__LogLevel__Default"] = "Warning";
        psi.Environment["Logging__LogLevel__Zhichan.Api.Platform.Jobs"] = "Information";
        if (env is not null)
            foreach (var (k, v) in env) psi.Environment[k] = v;
        var p = Process.Start(psi)!;
        p.OutputDataReceived += (_, e) => { if (e.Data is { } l && l.Contains(echo, StringComparison.Ordinal)) Console.WriteLine("  app: " + l.Trim()); };
        p.ErrorDataReceived += (_, e) => { if (e.Data is { } l && l.Contains(echo, StringComparison.Ordinal)) Console.WriteLine("  app: " + l.Trim()); };
        p.BeginOutputReadLine();
        p.BeginErrorReadLine();
        return p;
    }

    public static void Stop(Process? app)
    {
        if (app is { HasExited: false }) { app.Kill(); app.WaitForExit(10_000); }
    }

    public static async Task WaitHealthyAsync(string url, TimeSpan timeout)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            try { if ((await http.GetAsync($"{url}/healthz")).IsSuccessStatusCode) return; }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException) { }
            if (DateTime.UtcNow > deadline) throw new TimeoutException("the app did not start");
            await Task.Delay(250);
        }
    }

    public static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }

    public static string FindRoot()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
            if (File.Exists(Path.Combine(d.FullName, "Zhichan.slnx"))) return d.FullName;
        throw new InvalidOperationException("Zhichan.slnx not found");
    }
}
