namespace Zhichan.Api.Features.Registries.Experts;

/// <summary>
/// The contacts of one expert in clear (bureau), for when someone has to call the expert: every look is written to the audit log
/// (action read), so the masked views stay the rule and each exception is accountable.
/// </summary>
public static class GetExpertContacts
{
    public static async Task<Ok<ExpertContacts>> HandleAsync(long id, ZhichanDb db, CurrentUser me, CancellationToken ct)
    {
        var e = await db.Set<Expert>().AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw new DomainException($"专家 {id} 不存在", 404);
        AuditLog.Add(db, me, "read", "experts", e.Id.ToString(), null, new { viewed = "contacts" });
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(new ExpertContacts(e.Id, e.Name, e.IdNumber, e.Phone, e.Email));
    }
}
