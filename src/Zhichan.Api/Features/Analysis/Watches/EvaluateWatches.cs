namespace Zhichan.Api.Features.Analysis.Watches;

/// <summary>
/// Evaluates every watch and the screening now (the bureau, e.g. right after an import; the same run follows every import and
/// the schedule by itself). Safe to repeat: each watch only looks past its marks, so nothing fires twice.
/// </summary>
public static class EvaluateWatches
{
    /// <param name="FullScreening">Screen every applicant again, not only those with new records.</param>
    public sealed record EvaluateWatchesRequest(bool? FullScreening);

    public static async Task<Ok<WatchEvaluationResult>> HandleAsync(EvaluateWatchesRequest? req, WatchEvaluator evaluator, CancellationToken ct) =>
        TypedResults.Ok(await evaluator.RunAsync(req?.FullScreening == true, ct));
}
