namespace Zhichan.Api.Features.Programmes.Review;

public sealed record DeclareReviewConflictRequest(string? Reason);

/// <summary>
/// The expert declares a conflict with an application: the expert leaves the whole panel (ADR 0041: replacement is per panel) and
/// the first waiting reserve takes the seat, logged with the application and the reason. The expert's scores no longer count.
/// </summary>
public static class DeclareReviewConflict
{
    public static async Task<Ok<MyPanel[]>> HandleAsync(long id, DeclareReviewConflictRequest? req, ZhichanDb db, CurrentUser me, CancellationToken ct)
    {
        var reason = req?.Reason?.Trim();
        new Validation().Required("reason", reason, "回避理由").MaxLength("reason", reason, 1000, "回避理由").ThrowIfInvalid();
        var (seat, app) = await ExpertSeats.ForApplicationAsync(db, me, id, ct);
        if (app.Status != ApplicationStates.Accepted) throw new DomainException("该申报的评审已结束，不能再申报回避");
        await PanelReplacement.ReplaceAsync(db, seat.Draw, seat.Member, "conflict", $"与申报单位“{app.ApplicantName}”存在利害关系：{reason}", me, ct);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(await ListMyPanels.LoadAsync(db, me, ct));
    }
}
