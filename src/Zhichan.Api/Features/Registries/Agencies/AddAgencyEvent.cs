namespace Zhichan.Api.Features.Registries.Agencies;

public sealed record AgencyEventRequest(string? Kind, DateOnly? OccurredOn, string? Title, string? Reference);

/// <summary>The bureau records a fact the grade counts: an upheld complaint, an award, a credit listing from another source.</summary>
public static class AddAgencyEvent
{
    public static async Task<Created<AgencyEventDto>> HandleAsync(long id, AgencyEventRequest req, ZhichanDb db, CurrentUser me, TimeProvider clock, CancellationToken ct)
    {
        var a = await AgencyRules.FindAsync(db, id, ct);
        var v = new Validation();
        v.Required("kind", req.Kind, "事项类型").OneOf("kind", req.Kind, AgencyViews.EventKinds.Keys, "事项类型").Required("title", req.Title, "事项说明")
            .MaxLength("title", req.Title, 300, "事项说明").MaxLength("reference", req.Reference, 200, "文号");
        if (req.OccurredOn is null) v.Add("occurredOn", "请填写发生日期");
        else if (req.OccurredOn > ChinaTime.Today(clock)) v.Add("occurredOn", "发生日期不能晚于今天");
        v.ThrowIfInvalid();
        var e = new AgencyEvent { AgencyId = a.Id, Kind = req.Kind!, OccurredOn = req.OccurredOn!.Value, Title = req.Title!.Trim(), Reference = req.Reference?.Trim(), CreatedBy = me.Id };
        db.Set<AgencyEvent>().Add(e);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/registries/agencies/{id}", new AgencyEventDto(e.Id, e.Kind, AgencyViews.EventKinds[e.Kind], e.OccurredOn, e.Title, e.Reference));
    }
}
