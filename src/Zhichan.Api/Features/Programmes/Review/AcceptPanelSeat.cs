namespace Zhichan.Api.Features.Programmes.Review;

/// <summary>The expert confirms taking part in the panel (logged on the draw).</summary>
public static class AcceptPanelSeat
{
    public static async Task<Ok<MyPanel[]>> HandleAsync(long memberId, ZhichanDb db, CurrentUser me, CancellationToken ct)
    {
        var seat = await ExpertSeats.SeatAsync(db, me, memberId, ct);
        if (seat.Member.Status != "active") throw new DomainException($"您在该专家组的状态为“{DrawLog.StatusLabels[seat.Member.Status]}”，无需确认");
        if (await db.Set<ProgrammeDrawEvent>().AnyAsync(e => e.DrawId == seat.Draw.Id && e.Action == "accept" && e.ActorId == me.Id, ct))
            throw new DomainException("您已确认参加该评审");
        DrawLog.Add(db, seat.Draw, "accept", me, $"第 {seat.Member.Position} 位");
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(await ListMyPanels.LoadAsync(db, me, ct));
    }
}
