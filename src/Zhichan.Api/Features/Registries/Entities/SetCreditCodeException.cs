using Zhichan.Api.Platform.Security;

namespace Zhichan.Api.Features.Registries.Entities;

/// <param name="CreditCode">the code as issued (it fails the GB 32100 check)</param>
/// <param name="Reason">why it is accepted (e.g. 早期赋码，经登记机关核实无误)</param>
public sealed record CreditCodeExceptionRequest(string? CreditCode, string? Reason);

/// <summary>
/// SetCreditCodeException: an administrator accepts a credit code that fails the GB 32100 check (some codes issued early do)
/// for one entity, with the reason; the entity keeps it and the register shows it as an exception.
/// </summary>
public static class SetCreditCodeException
{
    public static async Task<Ok<EntityDetail>> HandleAsync(long id, CreditCodeExceptionRequest req, NpgsqlDataSource db, ZhichanDb ef, CurrentUser me, CancellationToken ct)
    {
        var v = new Validation();
        v.Required("creditCode", req.CreditCode, "统一社会信用代码").Required("reason", req.Reason, "例外原因").MaxLength("reason", req.Reason, 500, "例外原因")
            .PlainText("reason", req.Reason, "例外原因");
        var code = req.CreditCode is null ? "" : CreditCodes.Normalise(req.CreditCode);
        if (code.Length > 0)
        {
            if (code.Length != 18 || !code.All(char.IsAsciiLetterOrDigit)) v.Add("creditCode", "统一社会信用代码应为 18 位数字或大写字母");
            else if (CreditCodes.IsValid(code)) v.Add("creditCode", "该代码校验通过，无需登记例外");
        }
        v.ThrowIfInvalid();
        await using var conn = await db.OpenConnectionAsync(ct);
        var (e, _) = await EntityQueries.LoadVisibleAsync(conn, ef, id, me, ct);
        await EntityRules.CheckUniqueAsync(conn, null, e.Id, code, null, ct);
        var entity = await ef.Set<InnovationEntity>().FirstAsync(x => x.Id == e.Id, ct);
        entity.CreditCode = code;
        entity.CreditCodeException = req.Reason!.Trim();
        entity.CreditCodeExceptionBy = me.Name;
        entity.CreditCodeExceptionAt = DateTimeOffset.UtcNow;
        entity.UpdatedAt = DateTimeOffset.UtcNow;
        EntityAudit.History(ef, e.Id, "credit_exception", $"登记统一社会信用代码例外：{code}（{entity.CreditCodeException}）", me);
        await ef.SaveChangesAsync(ct);
        return TypedResults.Ok(await EntityQueries.DetailAsync(conn, ef, entity, null, false, ct));
    }
}
