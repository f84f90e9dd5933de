using System.Text.Json.Nodes;

namespace Zhichan.Api.Features.Programmes;

/// <summary>The applicant saves the form and the declarations of a draft or of an application sent back for 补正 (checks what is filled).</summary>
public static class UpdateProgrammeApplication
{
    public sealed record UpdateRequest(JsonObject? Form, string[]? Declarations);

    public static async Task<Ok<ApplicationDetail>> HandleAsync(long id, UpdateRequest req, ZhichanDb db, NpgsqlDataSource data, CurrentUser me, TimeProvider clock,
        CancellationToken ct)
    {
        var a = await ApplicationQueries.LoadAsync(db, me, id, ct);
        if (!ApplicationWorkflow.ActorsOf(me, a).Contains(ApplicationStates.Applicant)) throw new DomainException("只有申报单位可以修改申报", 403, "禁止访问");
        if (!ApplicationStates.Editable.Contains(a.Status)) throw new DomainException($"申报{ApplicationStates.Machine.StateName(a.Status)}，不能修改");
        var (_, _, d) = await ApplicationQueries.ContextAsync(db, a, ct);
        var form = req.Form ?? [];
        var declarations = (req.Declarations ?? []).Distinct().ToArray();
        await FormRules.ValidateAsync(d, form, declarations, false, [], data, ct);
        a.Form = form.ToJsonString();
        a.Declarations = declarations;
        a.AmountRequested = d.Fields.FirstOrDefault(f => f.Key == "amount" && f.Type == "money") is not null && form["amount"] is JsonValue v && v.TryGetValue<decimal>(out var amount)
            ? amount : null;
        a.UpdatedAt = DateTimeOffset.UtcNow;
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(await ApplicationQueries.DetailAsync(db, a, me, clock, ct));
    }
}
