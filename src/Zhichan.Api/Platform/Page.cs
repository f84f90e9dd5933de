namespace Zhichan.Api.Platform;

/// <summary>One page of a list and the total number of items (for the pager).</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, long Total);

/// <summary>
/// Page parameters checked once for every list (issue 18, finding 11): a page number beyond <see cref="MaxPage"/> or a page
/// size beyond the list's maximum is a 400 with a Chinese field error, never an overflowing offset and a 500.
/// </summary>
public static class Paging
{
    public const int MaxPage = 10_000;

    /// <summary>The page (1-based), page size and row offset; adds field errors for values out of range.</summary>
    public static (int Page, int Size, int Offset) Of(int? page, int? pageSize, int defaultSize, int maxSize)
    {
        var v = new Validation();
        if (page is < 1 or > MaxPage) v.Add("page", $"页码应在 1 至 {MaxPage} 之间");
        if (pageSize is { } s && (s < 1 || s > maxSize)) v.Add("pageSize", $"每页条数应在 1 至 {maxSize} 之间");
        v.ThrowIfInvalid();
        var p = page ?? 1;
        var size = pageSize ?? defaultSize;
        return (p, size, (p - 1) * size);
    }
}
