namespace Zhichan.Api.Features.Programmes;

/// <summary>The applicant withdraws its application before the formal check has accepted it.</summary>
public static class WithdrawProgrammeApplication
{
    public sealed record NoteRequest(string? Note);

    public static async Task<Ok<ApplicationDetail>> HandleAsync(long id, NoteRequest req, ZhichanDb db, CurrentUser me, TimeProvider clock, CancellationToken ct)
    {
        var a = await ApplicationQueries.LoadAsync(db, me, id, ct);
        new Validation().MaxLength("note", req.Note, 2000, "撤回说明").ThrowIfInvalid();
        ApplicationWorkflow.Fire(db, a, "withdraw", me, string.IsNullOrWhiteSpace(req.Note) ? null : req.Note.Trim());
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(await ApplicationQueries.DetailAsync(db, a, me, clock, ct));
    }
}
