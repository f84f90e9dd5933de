using System.Security.Cryptography;

namespace Zhichan.Api.Platform.Files;

/// <summary>
/// The checks every user upload passes (complaint evidence, case documents, progress-report attachments): an allowed extension,
/// not empty, at most <see cref="MaxFileBytes"/>, and first bytes that agree with the extension (a renamed .exe is refused).
/// </summary>
public static class UploadedFiles
{
    public const long MaxFileBytes = 10L * 1024 * 1024;

    private static readonly Dictionary<string, string> Allowed = new(StringComparer.OrdinalIgnoreCase)
    {
        [".pdf"] = "application/pdf", [".jpg"] = "image/jpeg", [".jpeg"] = "image/jpeg", [".png"] = "image/png",
        [".doc"] = "application/msword", [".docx"] = "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        [".xls"] = "application/vnd.ms-excel", [".xlsx"] = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        [".txt"] = "text/plain", [".zip"] = "application/zip", [".mp4"] = "video/mp4",
    };

    public static IEnumerable<string> Extensions => Allowed.Keys;

    /// <summary>The allowed extensions for messages: pdf、jpg、…</summary>
    public static string ExtensionList => string.Join("、", Allowed.Keys.Select(k => k.TrimStart('.')).Distinct());

    public static bool ContentTypeOf(string ext, out string contentType)
    {
        var ok = Allowed.TryGetValue(ext, out var t);
        contentType = t ?? "application/octet-stream";
        return ok;
    }

    /// <summary>The file's first bytes agree with its extension.</summary>
    public static bool MagicMatches(string ext, byte[] b)
    {
        bool Starts(params byte[] m) => b.Length >= m.Length && b.AsSpan(0, m.Length).SequenceEqual(m);
        return ext.ToLowerInvariant() switch
        {
            ".pdf" => Starts(0x25, 0x50, 0x44, 0x46),
            ".jpg" or ".jpeg" => Starts(0xFF, 0xD8, 0xFF),
            ".png" => Starts(0x89, 0x50, 0x4E, 0x47),
            ".docx" or ".xlsx" or ".zip" => Starts(0x50, 0x4B, 0x03, 0x04),
            ".doc" or ".xls" => Starts(0xD0, 0xCF, 0x11, 0xE0),
            ".mp4" => b.Length > 8 && b[4] == 'f' && b[5] == 't' && b[6] == 'y' && b[7] == 'p',
            ".txt" => !b.Take(4096).Any(x => x == 0),
            _ => false,
        };
    }

    /// <summary>The Chinese reason a file is refused, or null when it passes every check.</summary>
    public static string? Problem(string? fileName, byte[] bytes)
    {
        var name = Path.GetFileName(fileName ?? "");
        var ext = Path.GetExtension(name);
        if (string.IsNullOrWhiteSpace(name)) return "文件缺少文件名";
        if (!Allowed.ContainsKey(ext)) return $"文件“{name}”的类型不允许，仅接受 {ExtensionList}";
        if (bytes.Length == 0) return $"文件“{name}”为空";
        if (bytes.Length > MaxFileBytes) return $"文件“{name}”超过单个文件上限 {MaxFileBytes / 1024 / 1024} MB";
        if (!MagicMatches(ext, bytes)) return $"文件“{name}”的内容与扩展名不符";
        return null;
    }

    public static string Sha256(byte[] bytes) => Convert.ToHexString(SHA256.HashData(bytes)).ToLowerInvariant();

    /// <summary>Reads an uploaded form file, refusing it before reading when it is already over the limit.</summary>
    public static async Task<byte[]?> ReadAsync(IFormFile file, CancellationToken ct)
    {
        if (file.Length > MaxFileBytes) return null;
        using var ms = new MemoryStream();
        await file.CopyToAsync(ms, ct);
        return ms.ToArray();
    }
}
