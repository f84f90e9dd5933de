namespace Zhichan.Api.Features.Programmes;

/// <summary>The applicant's district gives its 推荐意见 where the programme asks for one: recommend (with an optional opinion) or
/// not recommend (with the reason, which ends the application).</summary>
public static class RecommendProgrammeApplication
{
    public sealed record RecommendRequest(bool? Recommend, string? Note);

    public static async Task<Ok<ApplicationDetail>> HandleAsync(long id, RecommendRequest req, ZhichanDb db, CurrentUser me, TimeProvider clock, CancellationToken ct)
    {
        var a = await ApplicationQueries.LoadAsync(db, me, id, ct);
        if (req.Recommend is not { } recommend) throw new RequestValidationException("recommend", "请选择推荐或不予推荐");
        new Validation().MaxLength("note", req.Note, 2000, "推荐意见").ThrowIfInvalid();
        var (_, _, d) = await ApplicationQueries.ContextAsync(db, a, ct);
        if (!d.RecommendationRequired) throw new DomainException("本项目不需要县区推荐");
        if (a.Recommendation is not null) throw new DomainException("县区已给出推荐意见");
        var note = string.IsNullOrWhiteSpace(req.Note) ? null : req.Note.Trim();
        ApplicationWorkflow.Fire(db, a, recommend ? "recommend" : "not_recommend", me, note);
        a.Recommendation = recommend ? "recommended" : "not_recommended";
        (a.RecommendationNote, a.RecommendedBy, a.RecommendedAt) = (note, me.Id, DateTimeOffset.UtcNow);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(await ApplicationQueries.DetailAsync(db, a, me, clock, ct));
    }
}
