using System.Diagnostics;

namespace Zhichan.Api.Platform.Printing;

/// <summary>
/// Prints an HTML page to PDF with headless Chromium (ADR 0108): the page is written to a temporary folder, converted with
/// <c>--headless --no-sandbox --disable-gpu --print-to-pdf --no-pdf-header-footer</c> under a private profile, and the folder is
/// removed. At most <see cref="MaxConcurrent"/> conversions run at once (further requests wait up to <see cref="QueueWait"/>, then
/// get 503); a conversion is killed after <see cref="Timeout"/>. The executable is ZHICHAN_CHROMIUM (default /usr/bin/chromium);
/// when it is missing the caller gets a 503 problem in Chinese. CJK text needs a CJK font (fonts-wqy-microhei).
/// </summary>
public sealed class ChromiumPdf(ZhichanOptions options, ILogger<ChromiumPdf> log)
{
    public const int MaxConcurrent = 2;
    public static readonly TimeSpan QueueWait = TimeSpan.FromSeconds(20);
    private readonly SemaphoreSlim _gate = new(MaxConcurrent, MaxConcurrent);

    public string ExecutablePath => options.ChromiumPath;

    public TimeSpan Timeout => TimeSpan.FromSeconds(options.ChromiumTimeoutSeconds);

    public bool IsAvailable => File.Exists(ExecutablePath);

    /// <summary>The PDF bytes of a complete HTML document (UTF-8, with its own CSS; no network resources are needed).</summary>
    public async Task<byte[]> PrintAsync(string html, CancellationToken ct)
    {
        var exe = ExecutablePath;
        if (!File.Exists(exe))
            throw new DomainException($"服务器上未找到 Chromium（{exe}），无法生成 PDF。请安装 chromium 或设置 ZHICHAN_CHROMIUM；也可打开网页版报告后用浏览器打印。",
                StatusCodes.Status503ServiceUnavailable, "PDF 生成不可用");
        if (!await _gate.WaitAsync(QueueWait, ct))
            throw new DomainException("正在生成的 PDF 过多，请稍后再试", StatusCodes.Status503ServiceUnavailable, "PDF 生成繁忙");
        var dir = Directory.CreateTempSubdirectory("zhichan-pdf-");
        try
        {
            var page = Path.Combine(dir.FullName, "page.html");
            var pdf = Path.Combine(dir.FullName, "page.pdf");
            await File.WriteAllTextAsync(page, html, System.Text.Encoding.UTF8, ct);
            var psi = new ProcessStartInfo(exe)
            {
                RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = dir.FullName,
            };
            foreach (var a in new[]
                     {
                         "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run", "--disable-extensions",
                         "--disable-background-networking", "--no-pdf-header-footer", $"--user-data-dir={Path.Combine(dir.FullName, "profile")}",
                         $"--print-to-pdf={pdf}", new Uri(page).AbsoluteUri,
                     })
                psi.ArgumentList.Add(a);
            psi.Environment["HOME"] = dir.FullName;
            var sw = Stopwatch.StartNew();
            using var proc = Process.Start(psi) ?? throw new DomainException("无法启动 Chromium", StatusCodes.Status503ServiceUnavailable, "PDF 生成不可用");
            var stderr = proc.StandardError.ReadToEndAsync(ct);
            _ = proc.StandardOutput.ReadToEndAsync(ct);
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
            limit.CancelAfter(Timeout);
            try
            {
                await proc.WaitForExitAsync(limit.Token);
            }
            catch (OperationCanceledException)
            {
                try { proc.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
                ct.ThrowIfCancellationRequested();
                throw new DomainException($"生成 PDF 超时（{Timeout.TotalSeconds:0} 秒），请稍后再试", StatusCodes.Status503ServiceUnavailable, "PDF 生成超时");
            }
            if (!File.Exists(pdf) || new FileInfo(pdf).Length == 0)
            {
                log.LogWarning("Chromium exited with {Code} without a PDF: {Stderr}", proc.ExitCode, Tail(await stderr));
                throw new DomainException("Chromium 未能生成 PDF，请稍后再试", StatusCodes.Status503ServiceUnavailable, "PDF 生成失败");
            }
            var bytes = await File.ReadAllBytesAsync(pdf, ct);
            log.LogInformation("Printed a PDF of {Bytes} bytes in {Ms} ms", bytes.Length, sw.ElapsedMilliseconds);
            return bytes;
        }
        finally
        {
            _gate.Release();
            try { dir.Delete(recursive: true); } catch (Exception e) when (e is IOException or UnauthorizedAccessException) { log.LogWarning(e, "Could not remove {Dir}", dir.FullName); }
        }
    }

    private static string Tail(string s) => s.Length > 2000 ? s[^2000..] : s;
}
