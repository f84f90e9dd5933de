using System.IO.Compression;
using System.Text;
using Zhichan.Api.Platform.Jobs;

namespace Zhichan.Api.Features.Records.Sources;

/// <summary>
/// One file of an import: the uploaded file itself, or one file of a ZIP package (CNIPA bulk products, USPTO bulk files).
/// <see cref="Open"/> gives its content as a seekable stream, each time from the start.
/// </summary>
/// <param name="Index">Position in the package (0-based, archive order); null for a file that is not in a package.</param>
/// <param name="Name">The file's name: the upload's, or the entry's path in the package (control characters removed).</param>
/// <param name="Length">Its size unpacked, in bytes.</param>
/// <param name="Skip">Why it is not imported (not XML or CSV, a suspicious compression ratio …), null when it is.</param>
public sealed record PackageFile(int? Index, string Name, long Length, Func<Stream> Open, string? Skip = null);

/// <summary>
/// What an uploaded file holds: itself, or — for a ZIP that is not an Excel workbook — its XML and CSV files in archive order
/// (ADR 0018). A package is checked before anything is imported, against <see cref="ImportOptions"/>' limits: the number of
/// files, the total unpacked size (the sizes the archive declares, and again the bytes actually unpacked), the size of one file
/// and its compression ratio, so that a ZIP bomb is refused without being unpacked. Entry names are only shown, never used
/// as paths (nothing is written to disk); folders, hidden files and macOS resource forks are passed over.
/// </summary>
public sealed class ImportPackage : IDisposable
{
    /// <summary>The most one file of a package may unpack to: it is read into memory as one stream.</summary>
    public const long MaxFileBytes = 1024L * 1024 * 1024;

    private readonly ZipArchive? _zip;

    private ImportPackage(ZipArchive? zip, IReadOnlyList<PackageFile> files)
    {
        _zip = zip;
        Files = files;
    }

    public bool IsZip => _zip is not null;

    public IReadOnlyList<PackageFile> Files { get; }

    /// <summary>The unpacked size of every file to import.</summary>
    public long TotalBytes => Files.Where(f => f.Skip is null).Sum(f => f.Length);

    /// <summary>The file itself (<paramref name="content"/> is seekable), or the files of the ZIP it is when <paramref name="format"/> is "zip".</summary>
    public static ImportPackage Open(Stream content, string fileName, string format, ImportOptions limits)
    {
        if (format != "zip") return new ImportPackage(null, [new PackageFile(null, fileName, content.Length, () => { content.Position = 0; return content; })]);
        ZipArchive zip;
        try
        {
            content.Position = 0;
            zip = new ZipArchive(content, ZipArchiveMode.Read, leaveOpen: true);
        }
        catch (InvalidDataException)
        {
            throw new JobFailedException($"ZIP 包已损坏或不完整（可能在下载时被截断），无法读取其文件目录。请重新获取完整的 ZIP 包后再导入。支持的格式：{SourceFormat.Supported}");
        }
        var entries = zip.Entries;
        if (entries.Count > limits.ZipMaxEntries)
        {
            zip.Dispose();
            throw new JobFailedException($"ZIP 包含 {entries.Count:N0} 个条目，超过上限 {limits.ZipMaxEntries:N0}（ZHICHAN_IMPORT_ZIP_MAX_ENTRIES），未导入任何内容");
        }
        var files = new List<PackageFile>();
        long declared = 0;
        var index = 0;
        foreach (var e in entries)
        {
            if (e.FullName.EndsWith('/') || e.FullName.EndsWith('\\')) continue; // a folder
            var name = DisplayName(e.FullName);
            var leaf = name[(name.LastIndexOfAny(['/', '\\']) + 1)..];
            if (name.StartsWith("__MACOSX/", StringComparison.Ordinal) || leaf.StartsWith('.')) continue;
            var i = index++;
            var entry = e;
            var skip = SkipReason(e, leaf, limits);
            if (skip is null) declared += e.Length; // an entry that is not imported is never unpacked
            files.Add(new PackageFile(i, name, e.Length, () => Unpack(entry, name), skip));
        }
        var maxBytes = (long)limits.ZipMaxMegabytes * 1024 * 1024;
        if (declared > maxBytes)
        {
            zip.Dispose();
            throw new JobFailedException($"ZIP 包解压后共 {declared / 1024 / 1024:N0} MB，超过上限 {limits.ZipMaxMegabytes:N0} MB（ZHICHAN_IMPORT_ZIP_MAX_MB），未导入任何内容");
        }
        if (!files.Any(f => f.Skip is null))
        {
            zip.Dispose();
            var seen = files.Count == 0 ? "ZIP 包中没有文件" : $"ZIP 包中的 {files.Count} 个文件都不能导入（{string.Join("；", files.Take(3).Select(f => $"{f.Name}：{f.Skip}"))}）";
            throw new JobFailedException($"{seen}。ZIP 包中可以导入的是 XML 与 CSV 文件");
        }
        return new ImportPackage(zip, files);
    }

    /// <summary>Why an entry is not imported, checked on what the archive declares (the unpacking checks the real bytes again).</summary>
    private static string? SkipReason(ZipArchiveEntry e, string leaf, ImportOptions limits)
    {
        var ext = Path.GetExtension(leaf).ToLowerInvariant();
        if (ext is not (".xml" or ".csv")) return $"不是 XML 或 CSV 文件（{(ext.Length > 0 ? ext : "无扩展名")}），已跳过";
        if (e.Length > MaxFileBytes) return $"解压后 {e.Length / 1024 / 1024:N0} MB，超过单个文件上限 {MaxFileBytes / 1024 / 1024:N0} MB";
        if (e.CompressedLength > 0 && e.Length / e.CompressedLength > limits.ZipMaxRatio)
            return $"压缩比 {e.Length / e.CompressedLength:N0}:1 超过上限 {limits.ZipMaxRatio}:1（ZHICHAN_IMPORT_ZIP_MAX_RATIO），疑似压缩炸弹，未解压";
        if (e.CompressedLength == 0 && e.Length > 0) return "压缩大小为 0 而解压大小不为 0，条目异常，未解压";
        return null;
    }

    /// <summary>The entry unpacked into memory, reading at most the size it declares (an archive that lies about it is refused).</summary>
    private static MemoryStream Unpack(ZipArchiveEntry e, string name)
    {
        var ms = new MemoryStream(checked((int)Math.Min(e.Length, MaxFileBytes)));
        try
        {
            using var s = e.Open();
            var buffer = new byte[1 << 16];
            long total = 0;
            int n;
            while ((n = s.Read(buffer, 0, buffer.Length)) > 0)
            {
                total += n;
                if (total > e.Length) throw new JobFailedException($"ZIP 条目 {name} 解压出的数据多于它声明的 {e.Length:N0} 字节，已停止解压");
                ms.Write(buffer, 0, n);
            }
        }
        catch (InvalidDataException)
        {
            throw new JobFailedException($"ZIP 包中的文件 {name} 已损坏，无法解压（压缩数据无效或被截断）");
        }
        ms.Position = 0;
        return ms;
    }

    /// <summary>An entry name fit to be shown: control characters removed, at most 200 characters.</summary>
    private static string DisplayName(string fullName)
    {
        var sb = new StringBuilder(fullName.Length);
        foreach (var c in fullName) if (!char.IsControl(c)) sb.Append(c);
        var s = sb.ToString().Trim();
        return s.Length > 200 ? "…" + s[^199..] : s.Length == 0 ? "(无名称)" : s;
    }

    public void Dispose() => _zip?.Dispose();
}
