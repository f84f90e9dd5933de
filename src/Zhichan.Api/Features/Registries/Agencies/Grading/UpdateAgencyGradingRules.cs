namespace Zhichan.Api.Features.Registries.Agencies.Grading;

public sealed record GradingRulesRequest(decimal? BaseScore, IReadOnlyList<GradingItem>? Items, IReadOnlyList<GradeThreshold>? Thresholds, int? ObjectionDays, string? Note);

/// <summary>The bureau edits the rule table: a new version; grades already computed keep the version they were computed under.</summary>
public static class UpdateAgencyGradingRules
{
    public static async Task<Ok<GradingRulesDto>> HandleAsync(GradingRulesRequest req, ZhichanDb db, CurrentUser me, CancellationToken ct)
    {
        var current = await GradingRules.CurrentAsync(db, ct);
        var next = new GradingRulesDto(current.Version + 1, req.BaseScore ?? current.BaseScore, req.Items ?? current.Items,
            req.Thresholds ?? current.Thresholds, req.ObjectionDays ?? current.ObjectionDays, req.Note?.Trim(), DateTimeOffset.UtcNow);
        var v = new Validation();
        v.Required("note", req.Note, "修订说明");
        GradingRules.Validate(next, v);
        v.ThrowIfInvalid();
        var row = GradingRules.ToRow(next, me.Id);
        db.Set<AgencyGradingRuleRow>().Add(row);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(GradingRules.FromRow(row));
    }
}
