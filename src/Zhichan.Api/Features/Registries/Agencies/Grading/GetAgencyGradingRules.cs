namespace Zhichan.Api.Features.Registries.Agencies.Grading;

public sealed record GradingRulesView(GradingRulesDto Current, IReadOnlyList<GradingRulesDto> History, IReadOnlyDictionary<string, string> ItemCodes);

/// <summary>The 分级分类评价 rule table in force and its earlier versions.</summary>
public static class GetAgencyGradingRules
{
    public static async Task<Ok<GradingRulesView>> HandleAsync(ZhichanDb db, CancellationToken ct)
    {
        var current = await GradingRules.CurrentAsync(db, ct);
        var history = (await db.Set<AgencyGradingRuleRow>().AsNoTracking().OrderByDescending(r => r.Version).ToListAsync(ct)).Select(GradingRules.FromRow).ToList();
        return TypedResults.Ok(new GradingRulesView(current, history, GradingRules.ItemCodes));
    }
}
