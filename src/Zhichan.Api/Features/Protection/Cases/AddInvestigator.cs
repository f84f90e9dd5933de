using static Zhichan.Api.Features.Protection.Cases.CaseExperts;

namespace Zhichan.Api.Features.Protection.Cases;

public sealed record InvestigatorRequest(long? UserId, bool? NoConflictDeclared, string? Note);

/// <summary>Appoints a technical investigator (conflicts refused).</summary>
public static class AddInvestigator
{
    public static async Task<Ok<CaseDetail>> HandleAsync(long id, InvestigatorRequest req, ZhichanDb db, CurrentUser me, ProtectionClock clock, CancellationToken ct)
    {
        var c = await CaseQueries.FindHandleableAsync(db, me, id, ct);
        if (req.UserId is not { } uid) throw new RequestValidationException("userId", "请选择技术调查官");
        if (req.NoConflictDeclared != true) throw new RequestValidationException("noConflictDeclared", "须确认专家已声明与本案无利害关系");
        var e = (await ExpertsAsync(db, ct)).FirstOrDefault(x => x.Id == uid);
        if (e.Id == 0) throw new RequestValidationException("userId", $"用户 {uid} 不在专家库中");
        if (Conflict(c, e.Name, e.Org) is { } conflict) throw new DomainException($"存在利害关系，应当回避：{conflict}");
        if (!CaseStatus.Open.Contains(c.Status)) throw new DomainException("案件已终结，不能再指派技术调查官");
        if (await db.Set<Investigator>().AnyAsync(i => i.ComplaintId == c.Id && i.UserId == uid, ct)) throw new DomainException($"{e.Name}已是本案技术调查官");
        db.Set<Investigator>().Add(new Investigator
        {
            ComplaintId = c.Id, UserId = uid, Name = e.Name,
            ConflictCheckedNote = $"已核对当事人、权利人，无利害关系；专家已声明{(string.IsNullOrWhiteSpace(req.Note) ? "" : "：" + req.Note.Trim())}",
        });
        CaseQueries.Log(db, me, c, "investigator", null, null, $"指派技术调查官{e.Name}", false);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(await CaseQueries.DetailAsync(db, me, c, clock, ct));
    }
}
