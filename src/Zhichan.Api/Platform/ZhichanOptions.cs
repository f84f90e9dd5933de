namespace Zhichan.Api.Platform;

/// <summary>Settings read once at start-up (environment variables or appsettings).</summary>
/// <param name="SearchExactUpTo">Searches with more hits than this get an estimated total and sampled facets (ZHICHAN_SEARCH_EXACT_UP_TO).</param>
/// <param name="SearchFacetRows">Facets aggregate at most about this many hits, a uniform subsample beyond (ZHICHAN_SEARCH_FACET_ROWS).</param>
/// <param name="SearchRankCandidates">Relevance ranks at most this many candidate hits of a broad query (ZHICHAN_SEARCH_RANK_CANDIDATES).</param>
/// <param name="PgSharedBuffers">shared_buffers of the private cluster (ZHICHAN_PG_SHARED_BUFFERS); null for a quarter of the memory.</param>
public sealed record ZhichanOptions(string StateDir, int PgPort, string DataFolder, bool LoadDemo, bool ImportDemoRecords, string DemoPassword,
    int SearchExactUpTo = 10_000, int SearchFacetRows = 2_000, int SearchRankCandidates = 2_000, string? PgSharedBuffers = null)
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
            c["ZHICHAN_DEMO_PASSWORD"] is { Length: >= 8 } pw ? pw : "Zhichan@2026",
            int.TryParse(c["ZHICHAN_SEARCH_EXACT_UP_TO"], out var exact) && exact > 0 ? exact : 10_000,
            int.TryParse(c["ZHICHAN_SEARCH_FACET_ROWS"], out var facetRows) && facetRows > 0 ? facetRows : 2_000,
            int.TryParse(c["ZHICHAN_SEARCH_RANK_CANDIDATES"], out var rank) && rank > 0 ? rank : 2_000,
            c["ZHICHAN_PG_SHARED_BUFFERS"]);
    }

    private static string? FindRepoRoot(string start)
    {
        for (var d = new DirectoryInfo(start); d is not null; d = d.Parent)
            if (File.Exists(Path.Combine(d.FullName, "Zhichan.slnx"))) return d.FullName;
        return null;
    }
}
