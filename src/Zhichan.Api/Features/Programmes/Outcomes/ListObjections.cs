namespace Zhichan.Api.Features.Programmes.Outcomes;

/// <summary>An objection as the bureau sees it: the objector's contacts in full (staff only; no other view shows them).</summary>
public sealed record ObjectionView(long Id, long? ApplicationId, string? ApplicantName, string Name, string? Phone, string? Email, string Content,
    string Status, string StatusLabel, bool? Upheld, string? Answer, string? AnsweredBy, DateTimeOffset? AnsweredAt, DateTimeOffset CreatedAt);

/// <summary>The objections to a call's notice, unanswered first.</summary>
public static class ListObjections
{
    public static async Task<Ok<List<ObjectionView>>> HandleAsync(long callId, ZhichanDb db, CancellationToken ct)
    {
        if (!await db.Set<ProgrammeCall>().AnyAsync(c => c.Id == callId, ct)) throw new DomainException("申报批次不存在", 404);
        var rows = await (from o in db.Set<ProgrammeObjection>().AsNoTracking()
                          where o.CallId == callId
                          join a in db.Set<ProgrammeApplication>() on o.ApplicationId equals a.Id into aa
                          from a in aa.DefaultIfEmpty()
                          join u in db.Set<User>() on o.AnsweredBy equals u.Id into uu
                          from u in uu.DefaultIfEmpty()
                          orderby o.Status == "received" descending, o.CreatedAt descending
                          select new { o, Applicant = a == null ? null : a.ApplicantName, By = u == null ? null : u.DisplayName }).ToListAsync(ct);
        return TypedResults.Ok(rows.Select(r => View(r.o, r.Applicant, r.By)).ToList());
    }

    public static ObjectionView View(ProgrammeObjection o, string? applicant, string? by) => new(o.Id, o.ApplicationId, applicant, o.Name, o.Phone, o.Email,
        o.Content, o.Status, o.Status == "received" ? "待答复" : o.Upheld == true ? "异议成立" : "异议不成立", o.Upheld, o.Answer, by, o.AnsweredAt, o.CreatedAt);
}
