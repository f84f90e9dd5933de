namespace Zhichan.Api.Features.Registries.Agencies.Inspections;

public sealed record InspectorRequest(string? Name, long? OrgUnitId, long? UserId, string? CertificateNumber, bool? IsActive);

/// <summary>Adds an inspector (a member of staff of a government unit) to the register.</summary>
public static class CreateInspector
{
    public static async Task<Created<InspectorDto>> HandleAsync(InspectorRequest req, ZhichanDb db, CancellationToken ct)
    {
        var i = new Inspector();
        await UpdateInspector.ApplyAsync(db, i, req, ct);
        db.Set<Inspector>().Add(i);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/registries/inspections/inspectors/{i.Id}", (await ListInspectors.LoadAsync(db, i.Id, ct))[0]);
    }
}
