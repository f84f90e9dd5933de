using Zhichan.Api.Features.Plans;

namespace Zhichan.Api.Features.Portal.Open;

/// <param name="Goals">The goals with their targets and progress from published (computed or accepted) indicator values.</param>
public sealed record OpenPlanProgress(long Id, string Title, string? Issuer, string? JurisdictionName, string? RegionCode, DateOnly? PeriodStart, DateOnly? PeriodEnd,
    string Status, string StatusName, IReadOnlyList<GoalDto> Goals);

/// <summary>The plans' goals against their targets (政务公开 of targets and actuals), as the plans module computes them; no tasks or internal warnings.</summary>
public static class ListOpenPlanProgress
{
    public static async Task<Ok<List<OpenPlanProgress>>> HandleAsync(NpgsqlDataSource db, TimeProvider clock, CancellationToken ct)
    {
        var plans = (await ListPlans.HandleAsync(db, CurrentUser.System, clock, ct)).Value!;
        await using var conn = await db.OpenConnectionAsync(ct);
        var today = ChinaTime.Today(clock);
        var result = new List<OpenPlanProgress>();
        foreach (var p in plans)
            result.Add(new OpenPlanProgress(p.Id, p.Title, p.Issuer, p.JurisdictionName, p.RegionCode, p.PeriodStart, p.PeriodEnd, p.Status, p.StatusName,
                await GoalProgress.LoadAsync(conn, p, today)));
        return TypedResults.Ok(result);
    }
}
