namespace Zhichan.Api.Features.Programmes.Review;

public sealed record DeclinePanelSeatRequest(string? Reason);

/// <summary>The expert declines the seat with a reason; the first waiting reserve takes it (递补), logged.</summary>
public static class DeclinePanelSeat
{
    public static async Task<Ok<MyPanel[]>> HandleAsync(long memberId, DeclinePanelSeatRequest? req, ZhichanDb db, CurrentUser me, CancellationToken ct)
    {
        var reason = req?.Reason?.Trim();
        new Validation().Required("reason", reason, "谢绝理由").MaxLength("reason", reason, 1000, "谢绝理由").ThrowIfInvalid();
        var seat = await ExpertSeats.SeatAsync(db, me, memberId, ct);
        if (await db.Set<ProgrammeScore>().AnyAsync(s => s.MemberId == memberId && s.SubmittedAt != null, ct))
            throw new DomainException("您已提交评分，不能再谢绝；如有利害关系，请对相应申报申报回避");
        await PanelReplacement.ReplaceAsync(db, seat.Draw, seat.Member, "declined", reason!, me, ct);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(await ListMyPanels.LoadAsync(db, me, ct));
    }
}
