using Zhichan.Api.Features.Transactions.Rights;

namespace Zhichan.Api.Features.Transactions.Filings;

/// <summary>The form's live check: each number as the records know it (title, type, filing date, holders, expiry) or why it is refused.</summary>
public static class CheckFilingRights
{
    public sealed record CheckRequest(IReadOnlyList<FilingRightInput>? Rights);
    public sealed record CheckedRight(RightRef Right, DateOnly? Expiry);

    public static async Task<Ok<IReadOnlyList<CheckedRight>>> HandleAsync(CheckRequest req, NpgsqlDataSource data, CancellationToken ct)
    {
        var list = req.Rights ?? [];
        if (list.Count > RightReferences.MaxRights) throw new RequestValidationException("rights", $"一次最多填写 {RightReferences.MaxRights} 项权利");
        var refs = await RightReferences.ResolveAsync(list.Select(r => (r.Kind ?? "", r.Number ?? "")).ToList(), data, ct);
        return TypedResults.Ok<IReadOnlyList<CheckedRight>>(refs.Select(r => new CheckedRight(r, FilingRules.Expiry(r.RightType, r.ApplicationDate))).ToList());
    }
}
