namespace Zhichan.Api.Features.Programmes.Review;

/// <summary>One application's aggregate (ADR 0043).</summary>
/// <param name="Trimmed">The highest and the lowest total were dropped (≥ <see cref="ScoringSheet.TrimFrom"/> scores).</param>
/// <param name="Dispersion">Highest minus lowest total exceeds <see cref="ScoringSheet.DispersionShare"/> of the sheet's maximum.</param>
public sealed record ScoreAggregate(int Count, decimal Mean, bool Trimmed, decimal? Highest, decimal? Lowest, bool Dispersion);

/// <summary>
/// The scoring rules (ADR 0043): a criterion's score lies in 0..max; the total is Σ score × weight over the sheet's criteria and the
/// sheet's maximum Σ max × weight; a comment is required when the total is below <see cref="CommentBelowShare"/> of the maximum;
/// the aggregate is the mean of the submitted totals, dropping one highest and one lowest when there are ≥ <see cref="TrimFrom"/>;
/// a spread (highest − lowest) above <see cref="DispersionShare"/> of the maximum is flagged.
/// </summary>
public static class ScoringSheet
{
    public const decimal CommentBelowShare = 0.6m, DispersionShare = 0.2m;
    public const int TrimFrom = 5, MaxComment = 2000;

    public static decimal MaxTotal(IReadOnlyList<ScoringCriterion> sheet) => sheet.Sum(c => c.Max * c.Weight);

    public static decimal Total(IReadOnlyList<ScoringCriterion> sheet, IReadOnlyDictionary<string, decimal> scores) =>
        Math.Round(sheet.Sum(c => scores.GetValueOrDefault(c.Key) * c.Weight), 2);

    /// <summary>Range and completeness checks; <paramref name="submit"/> requires every criterion and the comment rule.</summary>
    public static void Validate(IReadOnlyList<ScoringCriterion> sheet, IReadOnlyDictionary<string, decimal> scores, string? comment, bool submit)
    {
        var v = new Validation();
        foreach (var key in scores.Keys.Where(k => sheet.All(c => c.Key != k))) v.Add($"scores.{key}", $"评分表中没有“{key}”这一项");
        foreach (var c in sheet)
        {
            if (scores.TryGetValue(c.Key, out var s))
            {
                if (s < 0 || s > c.Max) v.Add($"scores.{c.Key}", $"“{c.Label}”的得分应在 0 至 {c.Max:0.##} 之间");
                else if (decimal.Round(s, 1) != s) v.Add($"scores.{c.Key}", $"“{c.Label}”的得分最多保留一位小数");
            }
            else if (submit) v.Add($"scores.{c.Key}", $"请填写“{c.Label}”的得分");
        }
        v.MaxLength("comment", comment, MaxComment, "评审意见");
        if (submit && v.IsValid && Total(sheet, scores) < MaxTotal(sheet) * CommentBelowShare && string.IsNullOrWhiteSpace(comment))
            v.Add("comment", $"总分低于满分的 {CommentBelowShare:P0}（{MaxTotal(sheet) * CommentBelowShare:0.##} 分），请填写评审意见说明理由");
        v.ThrowIfInvalid();
    }

    public static ScoreAggregate Aggregate(IReadOnlyList<decimal> totals, decimal maxTotal)
    {
        if (totals.Count == 0) return new ScoreAggregate(0, 0, false, null, null, false);
        var sorted = totals.Order().ToList();
        var trimmed = sorted.Count >= TrimFrom;
        var used = trimmed ? sorted.Skip(1).Take(sorted.Count - 2).ToList() : sorted;
        var mean = Math.Round(used.Average(), 2, MidpointRounding.AwayFromZero);
        return new ScoreAggregate(sorted.Count, mean, trimmed, sorted[^1], sorted[0], sorted[^1] - sorted[0] > maxTotal * DispersionShare);
    }
}
