namespace Zhichan.Api.Features.Registries.Agencies.Inspections;

public sealed record RedrawRequest(string? Reason);

/// <summary>
/// Draws again, with a new seed, for a draw that cannot stand (e.g. an inspector fell ill): never silent — the reason is
/// required and recorded, the old draw stays visible as superseded (also publicly, if it was published: the new one is then
/// published with it). A draw with results recorded cannot be drawn again.
/// </summary>
public static class RedrawInspections
{
    public static async Task<Created<DrawDto>> HandleAsync(long id, RedrawRequest req, ZhichanDb db, CurrentUser me, CancellationToken ct)
    {
        var old = await db.Set<InspectionDraw>().FirstOrDefaultAsync(d => d.Id == id, ct) ?? throw new DomainException($"抽查 {id} 不存在", 404);
        var v = new Validation();
        v.Required("reason", req.Reason, "重新抽取的理由").MaxLength("reason", req.Reason, 1000, "重新抽取的理由");
        v.ThrowIfInvalid();
        if (old.Status != "drawn") throw new DomainException($"该抽查已被第 {old.SupersededById} 号抽查取代，只能对有效的抽查重新抽取");
        if (await db.Set<InspectionResult>().AnyAsync(r => r.DrawId == id, ct)) throw new DomainException("该抽查已录入检查结果，不能重新抽取");
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var fresh = await DrawInspections.NewDrawAsync(db, old.Title, old.Year, old.ItemIds, me, ct);
        fresh.SupersedesId = old.Id;
        fresh.RedrawReason = req.Reason!.Trim();
        fresh.PublishedAt = old.PublishedAt is null ? null : DateTimeOffset.UtcNow;
        old.Status = "superseded";
        db.Set<InspectionDraw>().Add(fresh);
        await db.SaveChangesAsync(ct);
        old.SupersededById = fresh.Id;
        AuditLog.Add(db, me, "redraw", "inspection_draws", old.Id.ToString(), new { old.Id, old.Seed }, new { fresh.Id, fresh.Seed, reason = fresh.RedrawReason });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return TypedResults.Created($"/api/registries/inspections/draws/{fresh.Id}", await DrawViews.ToDtoAsync(db, fresh, false, ct));
    }
}
