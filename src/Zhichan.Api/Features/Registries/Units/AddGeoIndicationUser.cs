using Zhichan.Api.Platform.Security;

namespace Zhichan.Api.Features.Registries.Units;

public sealed record GeoIndicationUserRequest(string? Enterprise, string? CreditCode, DateOnly? AuthorisedOn, DateOnly? ValidUntil, string? Notes);

/// <summary>Adds an enterprise authorised to use a GI (核准/授权使用), with its dates (staff).</summary>
public static class AddGeoIndicationUser
{
    public static async Task<Created<GeoIndicationDetail>> HandleAsync(long id, GeoIndicationUserRequest req, ZhichanDb db, NpgsqlDataSource ds, CurrentUser me,
        CancellationToken ct)
    {
        _ = await db.Set<GeoIndication>().AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw new DomainException($"地理标志 {id} 不存在", 404);
        var v = new Validation().Text("enterprise", req.Enterprise, 200, "使用企业", required: true).Text("notes", req.Notes, 1000, "备注")
            .DateOrder("validUntil", req.AuthorisedOn, req.ValidUntil, "授权日期", "授权有效期至");
        if (UnitRules.Clean(req.CreditCode) is { } cc && CreditCodes.Problem(CreditCodes.Normalise(cc)) is { } p) v.Add("creditCode", p);
        v.ThrowIfInvalid();
        var name = req.Enterprise!.Trim();
        if (await db.Set<GeoIndicationUser>().AnyAsync(u => u.GiId == id && u.Enterprise == name, ct))
            throw new RequestValidationException("enterprise", $"“{name}”已在授权使用企业名单中");
        db.Set<GeoIndicationUser>().Add(new GeoIndicationUser
        {
            GiId = id, Enterprise = name, CreditCode = UnitRules.Clean(req.CreditCode) is { } c ? CreditCodes.Normalise(c) : null,
            AuthorisedOn = req.AuthorisedOn, ValidUntil = req.ValidUntil, Notes = UnitRules.Clean(req.Notes),
        });
        await db.SaveChangesAsync(ct);
        await using var conn = await ds.OpenConnectionAsync(ct);
        return TypedResults.Created($"/api/registries/gi/{id}", await GeoIndications.DetailAsync(conn, id, me));
    }
}
