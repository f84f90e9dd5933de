namespace Zhichan.Api.Platform.Database;

/// <summary>
/// The kernel's pool of huge pages (2 MB on x86-64), from which PostgreSQL maps its buffer pool when enough are free
/// (its <c>huge_pages=try</c>, the default). Each server process otherwise maps the pool's pages one 4 kB page fault at a
/// time the first time it reads them: about 35 µs per 8 kB buffer on the benchmarks' virtual machine, which made the
/// first searches of every pooled connection several times slower than the same searches later (ADR 0072, ADR 0073).
/// </summary>
public static class HugePages
{
    private const string PoolSetting = "/proc/sys/vm/nr_hugepages";

    /// <summary>
    /// The pool's size, its free pages, and the free pages already promised to a mapping that has not touched them yet
    /// (/proc/meminfo HugePages_Total, HugePages_Free, HugePages_Rsvd; zeros where there is no pool). A server that maps
    /// its shared memory in huge pages reserves them all at start, so Free − Rsvd is what the next one can still get.
    /// </summary>
    public static (long Total, long Free, long Reserved) Read()
    {
        long total = 0, free = 0, reserved = 0;
        if (!File.Exists("/proc/meminfo")) return (0, 0, 0);
        foreach (var line in File.ReadLines("/proc/meminfo"))
        {
            if (line.StartsWith("HugePages_Total:", StringComparison.Ordinal)) total = Value(line);
            else if (line.StartsWith("HugePages_Free:", StringComparison.Ordinal)) free = Value(line);
            else if (line.StartsWith("HugePages_Rsvd:", StringComparison.Ordinal)) reserved = Value(line);
        }
        return (total, free, reserved);

        static long Value(string line) => long.TryParse(line[(line.IndexOf(':') + 1)..].Trim(), out var v) ? v : 0;
    }

    /// <summary>
    /// How many pages to add to the pool so that a server needing <paramref name="needed"/> pages finds them: those not
    /// yet free, counting as free only pages no other mapping has reserved (0 when enough are).
    /// </summary>
    public static long Shortfall(long free, long reserved, long needed) => Math.Max(0, needed - Math.Max(0, free - reserved));

    /// <summary>
    /// Sets the pool to <paramref name="pages"/> pages (root only) and returns the size the kernel reached. A larger pool
    /// needs free 2 MB blocks of memory, and the kernel gives up at once when memory is full of cached file pages, the
    /// usual state of a server that has run for a while (measured: 0 of 3,094 pages with 7 GB of freshly written files
    /// cached, all of them after a sync). So a short answer is retried after each of three steps, each taken only when the
    /// one before was not enough: writing dirty file pages back (sync), compacting memory, and dropping the clean file cache
    /// (which only costs re-reading files). Null when the setting cannot be written.
    /// </summary>
    public static long? Resize(long pages, ILogger? log = null)
    {
        if (!TryWrite(PoolSetting, pages)) return null;
        var reached = Read().Total;
        if (reached >= pages) return reached;
        var steps = new (string Name, Action Run)[]
        {
            ("writing dirty file pages back", () => Sync()),
            ("compacting memory", () => TryWrite("/proc/sys/vm/compact_memory", 1)),
            ("dropping the clean file cache", () => TryWrite("/proc/sys/vm/drop_caches", 1)),
        };
        foreach (var (name, run) in steps)
        {
            log?.LogInformation("The kernel gave {Reached} of {Pages} huge pages; retrying after {Step}", reached, pages, name);
            run();
            for (var attempt = 0; attempt < 3 && reached < pages; attempt++)
            {
                TryWrite(PoolSetting, pages);
                reached = Read().Total;
            }
            if (reached >= pages) break;
        }
        return reached;
    }

    private static bool TryWrite(string path, long value)
    {
        try
        {
            File.WriteAllText(path, value.ToString(System.Globalization.CultureInfo.InvariantCulture));
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "sync")]
    private static extern void Sync();
}
