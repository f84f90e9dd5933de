using System.Collections.Concurrent;

namespace Zhichan.Api.Platform.Printing;

/// <summary>
/// Rendered copies of documents that no longer change (a frozen report version, locked assessment results) served to anonymous
/// visitors (ADR 0060): each is rendered once per instance and kept in memory — one rendering even when many visitors ask at
/// once, so that the public cannot make the server print PDFs in a loop. The caller's key must name everything the rendering
/// depends on. At most <see cref="MaxEntries"/> files are kept (all are dropped past that); a failed rendering is not kept.
/// </summary>
public sealed class RenderedFiles
{
    public const int MaxEntries = 64;
    private readonly ConcurrentDictionary<string, Lazy<Task<byte[]>>> _files = new();

    public async Task<byte[]> GetOrRenderAsync(string key, Func<Task<byte[]>> render)
    {
        if (_files.Count >= MaxEntries) _files.Clear();
        var lazy = _files.GetOrAdd(key, _ => new Lazy<Task<byte[]>>(render));
        try
        {
            return await lazy.Value;
        }
        catch
        {
            _files.TryRemove(new KeyValuePair<string, Lazy<Task<byte[]>>>(key, lazy));
            throw;
        }
    }
}
