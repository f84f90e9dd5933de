namespace Zhichan.Tests;

/// <summary>Locates the real public data (../shared/data by default, or ZHICHAN_DATA) and the repository root.</summary>
public static class TestData
{
    public static string RepoRoot { get; } = FindRepoRoot();

    public static string Folder { get; } = Path.GetFullPath(
        Environment.GetEnvironmentVariable("ZHICHAN_DATA") is { Length: > 0 } d ? d : Path.Combine(RepoRoot, "..", "shared", "data"));

    /// <summary>Full path of a file under the data folder; fails the test with a clear message when it is missing.</summary>
    public static string File(string relative)
    {
        var path = Path.Combine(Folder, relative);
        if (!System.IO.File.Exists(path))
            throw new FileNotFoundException(
                $"Test data file '{relative}' is missing under {Folder}. Point ZHICHAN_DATA at a copy of the public data (see ../shared/data/README.md).", path);
        return path;
    }

    private static string FindRepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !System.IO.File.Exists(Path.Combine(dir.FullName, "Zhichan.slnx"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Zhichan.slnx not found above " + AppContext.BaseDirectory);
    }
}
