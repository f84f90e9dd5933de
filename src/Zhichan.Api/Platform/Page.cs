namespace Zhichan.Api.Platform;

/// <summary>One page of a list and the total number of items (for the pager).</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, long Total);
