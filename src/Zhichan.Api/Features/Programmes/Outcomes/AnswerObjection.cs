namespace Zhichan.Api.Features.Programmes.Outcomes;

public sealed record AnswerObjectionRequest(bool? Upheld, string? Answer);

/// <summary>
/// The bureau answers an objection once: upheld or not, with the answer text. An upheld objection to an application lets the bureau
/// refuse it before the window ends (DecideApplication); decisions on the call wait until every objection is answered.
/// </summary>
public static class AnswerObjection
{
    public static async Task<Ok<ObjectionView>> HandleAsync(long id, AnswerObjectionRequest req, ZhichanDb db, CurrentUser me, CancellationToken ct)
    {
        var o = await db.Set<ProgrammeObjection>().FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw new DomainException("异议不存在", 404);
        var v = new Validation();
        if (req.Upheld is null) v.Add("upheld", "请选择异议成立或不成立");
        var answer = req.Answer?.Trim();
        v.Required("answer", answer, "答复内容").MaxLength("answer", answer, 2000, "答复内容").PlainText("answer", answer, "答复内容");
        v.ThrowIfInvalid();
        if (o.Status == "answered") throw new DomainException($"该异议已于 {ChinaTime.Of(o.AnsweredAt!.Value):yyyy-MM-dd HH:mm} 答复，不能重复答复");
        (o.Status, o.Upheld, o.Answer, o.AnsweredBy, o.AnsweredAt) = ("answered", req.Upheld, answer, me.Id, DateTimeOffset.UtcNow);
        await db.SaveChangesAsync(ct);
        var applicant = o.ApplicationId is { } appId ? await db.Set<ProgrammeApplication>().Where(a => a.Id == appId).Select(a => a.ApplicantName).FirstOrDefaultAsync(ct) : null;
        return TypedResults.Ok(ListObjections.View(o, applicant, me.Name));
    }
}
