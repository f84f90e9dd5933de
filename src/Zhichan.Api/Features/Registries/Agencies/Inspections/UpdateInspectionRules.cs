namespace Zhichan.Api.Features.Registries.Agencies.Inspections;

public sealed record InspectionRulesRequest(decimal? SharePercent, Dictionary<string, int>? Weights, int? InspectorsPerTarget, bool? AvoidPrevious, string? Note);

/// <summary>The bureau sets the draw rules: a new version; each draw records the version it used.</summary>
public static class UpdateInspectionRules
{
    public static async Task<Ok<InspectionRulesDto>> HandleAsync(InspectionRulesRequest req, ZhichanDb db, CurrentUser me, CancellationToken ct)
    {
        var cur = await InspectionRules.CurrentAsync(db, ct);
        var next = new InspectionRulesDto(cur.Version + 1, req.SharePercent ?? cur.SharePercent, req.Weights ?? new Dictionary<string, int>(cur.Weights),
            req.InspectorsPerTarget ?? cur.InspectorsPerTarget, req.AvoidPrevious ?? cur.AvoidPrevious, req.Note?.Trim(), DateTimeOffset.UtcNow);
        var v = new Validation();
        v.Required("note", req.Note, "修订说明");
        InspectionRules.Validate(next, v);
        v.ThrowIfInvalid();
        var row = InspectionRules.ToRow(next, me.Id);
        db.Set<InspectionRuleRow>().Add(row);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(InspectionRules.FromRow(row));
    }
}
