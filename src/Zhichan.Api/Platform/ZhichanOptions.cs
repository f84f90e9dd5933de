namespace Zhichan.Api.Platform;

/// <summary>Settings read once at start-up (environment variables or appsettings).</summary>
public sealed record ZhichanOptions(string StateDir, int PgPort, string DataFolder, bool LoadDemo, bool ImportDemoRecords, string DemoPassword)
{
    public static ZhichanOptions From(IConfiguration c, IHostEnvironment env)
    {
        var root = FindRepoRoot(env.ContentRootPath) ?? env.ContentRootPath;
        var state = c["ZHICHAN_STATE_DIR"] ?? Path.Combine(root, ".data");
        var data = c["ZHICHAN_DATA"] ?? Path.Combine(root, "..", "shared", "data");
        return new ZhichanOptions(
            Path.GetFullPath(state),
            int.TryParse(c["ZHICHAN_PG_PORT"], out var p) ? p : 5433,
            Path.GetFullPath(data),
            c["ZHICHAN_DEMO"] != "0",
            c["ZHICHAN_DEMO_RECORDS"] != "0",
            c["ZHICHAN_DEMO_PASSWORD"] is { Length: >= 8 } pw ? pw : "Zhichan@2026");
    }

    private static string? FindRepoRoot(string start)
    {
        for (var d = new DirectoryInfo(start); d is not null; d = d.Parent)
            if (File.Exists(Path.Combine(d.FullName, "Zhichan.slnx"))) return d.FullName;
        return null;
    }
}
