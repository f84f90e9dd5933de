using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Zhichan.Tests.Infrastructure;

/// <summary>
/// The built app (<c>src/Zhichan.Api/bin/&lt;configuration&gt;/net10.0/Zhichan.Api.dll</c>) as a real OS process on its own loopback
/// port, for tests that need several instances or must kill one (<c>kill -9</c>). Its console output is kept for the
/// failure message.
/// </summary>
public sealed class AppProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly List<string> _lines = [];

    public int Port { get; }
    public string BaseUrl => $"http://127.0.0.1:{Port}";
    public int Pid => _process.Id;
    public bool HasExited => _process.HasExited;

    private AppProcess(Process process, int port)
    {
        _process = process;
        Port = port;
    }

    /// <summary>The app's build output of the configuration the tests were built in (Release or Debug).</summary>
    public static string AppDll()
    {
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Debug{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Debug" : "Release";
        var dll = Path.Combine(TestData.RepoRoot, "src", "Zhichan.Api", "bin", configuration, "net10.0", "Zhichan.Api.dll");
        if (!File.Exists(dll)) throw new FileNotFoundException($"Build the app first (dotnet build Zhichan.slnx -c {configuration}): {dll} is missing", dll);
        return dll;
    }

    /// <summary>Starts an instance with <paramref name="settings"/> (ZHICHAN_* variables) and waits until /healthz answers.</summary>
    public static async Task<AppProcess> StartAsync(IDictionary<string, string> settings, TimeSpan? timeout = null)
    {
        var port = FreePort();
        var dll = AppDll();
        var psi = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        psi.ArgumentList.Add(dll);
        psi.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        psi.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        psi.Environment["Logging__LogLevel__Default"] = "Information";
        psi.Environment["Logging__LogLevel__Microsoft"] = "Warning";
        psi.Environment["Logging__LogLevel__System.Net.Http"] = "Warning";
        foreach (var (k, v) in settings) psi.Environment[k] = v;
        var process = Process.Start(psi) ?? throw new InvalidOperationException("dotnet did not start");
        var app = new AppProcess(process, port);
        process.OutputDataReceived += (_, e) => app.Append(e.Data);
        process.ErrorDataReceived += (_, e) => app.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(90));
        while (true)
        {
            if (process.HasExited) throw new InvalidOperationException($"Instance on port {port} exited with {process.ExitCode}:\n{app.Output}");
            try
            {
                if ((await http.GetAsync($"{app.BaseUrl}/healthz")).StatusCode == HttpStatusCode.OK) return app;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            if (DateTime.UtcNow > deadline)
            {
                await app.DisposeAsync();
                throw new TimeoutException($"Instance on port {port} did not answer /healthz:\n{app.Output}");
            }
            await Task.Delay(200);
        }
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_output)
        {
            _output.AppendLine(line);
            _lines.Add(line);
            if (_lines.Count > 20_000) _lines.RemoveRange(0, 10_000);
        }
    }

    /// <summary>The console output so far (the last 20,000 characters).</summary>
    public string Output
    {
        get
        {
            lock (_output) return _output.Length <= 20_000 ? _output.ToString() : _output.ToString(_output.Length - 20_000, 20_000);
        }
    }

    /// <summary>The console's lines so far (the last 10,000 to 20,000), whole.</summary>
    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (_output) return [.. _lines];
        }
    }

    /// <summary>SIGKILL, as <c>kill -9</c>: no shutdown code runs, claims and transactions are left as they are.</summary>
    public void KillHard()
    {
        if (_process.HasExited) return;
        _process.Kill(entireProcessTree: false);
        _process.WaitForExit(10_000);
    }

    public async ValueTask DisposeAsync()
    {
        KillHard();
        await Task.CompletedTask;
        _process.Dispose();
    }

    private static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }
}
