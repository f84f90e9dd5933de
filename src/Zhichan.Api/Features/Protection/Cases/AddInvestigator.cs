using Zhichan.Api.Features.Registries.Experts;
using static Zhichan.Api.Features.Protection.Cases.CaseExperts;

namespace Zhichan.Api.Features.Protection.Cases;

/// <param name="ExpertId">The expert of the pool to appoint.</param>
/// <param name="UserId">Older clients name the expert by the account: the expert row that account maintains.</param>
public sealed record InvestigatorRequest(long? ExpertId, long? UserId, bool? NoConflictDeclared, string? Note);

/// <summary>Appoints a technical investigator from the expert pool; an expert with a ground for avoidance is refused with the reason.</summary>
public static class AddInvestigator
{
    public static async Task<Ok<CaseDetail>> HandleAsync(long id, InvestigatorRequest req, ZhichanDb db, CurrentUser me, ProtectionClock clock, CancellationToken ct)
    {
        var c = await CaseQueries.FindHandleableAsync(db, me, id, ct);
        if (req.ExpertId is null && req.UserId is null) throw new RequestValidationException("expertId", "请选择技术调查官");
        if (req.NoConflictDeclared != true) throw new RequestValidationException("noConflictDeclared", "须确认专家已声明与本案无利害关系");
        var e = req.ExpertId is { } eid ? await ExpertPool.FindAsync(db, eid, ct) : await ExpertPool.FindByUserAsync(db, req.UserId!.Value, ct);
        var field = req.ExpertId is not null ? "expertId" : "userId";
        if (e is null) throw new RequestValidationException(field, $"{(req.ExpertId is not null ? "专家" : "用户")} {req.ExpertId ?? req.UserId} 不在专家库中");
        if (!e.IsActive || !e.IsInvestigator) throw new RequestValidationException(field, $"{e.Name}不是在库的技术调查官（请先在专家库中标记）");
        var conflict = (await ConflictsAsync(db, c, [e.Id], Deadlines.Today(clock), ct)).GetValueOrDefault(e.Id);
        if (conflict is not null) throw new DomainException($"存在利害关系，应当回避：{conflict}");
        if (!CaseStatus.Open.Contains(c.Status)) throw new DomainException("案件已终结，不能再指派技术调查官");
        if (await db.Set<Investigator>().AnyAsync(i => i.ComplaintId == c.Id && i.ExpertId == e.Id, ct)) throw new DomainException($"{e.Name}已是本案技术调查官");
        db.Set<Investigator>().Add(new Investigator
        {
            ComplaintId = c.Id, ExpertId = e.Id, UserId = e.UserId, Name = e.Name,
            ConflictCheckedNote = $"已按专家库中的任职、工作经历和利害关系申报核对投诉人、被投诉人、权利人，无需回避；专家已声明无利害关系{(string.IsNullOrWhiteSpace(req.Note) ? "" : "：" + req.Note.Trim())}",
        });
        CaseQueries.Log(db, me, c, "investigator", null, null, $"指派技术调查官{e.Name}", false);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(await CaseQueries.DetailAsync(db, me, c, clock, ct));
    }
}
