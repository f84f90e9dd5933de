using Zhichan.Api.Features.Registries.Experts;

namespace Zhichan.Api.Features.Programmes.Review;

/// <summary>
/// The expert's side of the row filter (ADR 0041): the caller's own expert row (experts.user_id), its seats, and the applications
/// of the valid panels it sits on as an active member — anything else answers 404, as if it did not exist.
/// </summary>
public static class ExpertSeats
{
    public sealed record Seat(ProgrammePanelMember Member, ProgrammeDraw Draw, StoredDrawInputs Inputs);

    public static async Task<Expert?> MineAsync(ZhichanDb db, CurrentUser me, CancellationToken ct) =>
        me.Id is { } uid ? await db.Set<Expert>().AsNoTracking().FirstOrDefaultAsync(e => e.UserId == uid, ct) : null;

    /// <summary>The caller's seats on valid (not superseded) draws, tracked so that a handler may change them.</summary>
    public static async Task<List<Seat>> SeatsAsync(ZhichanDb db, CurrentUser me, CancellationToken ct)
    {
        if (await MineAsync(db, me, ct) is not { } expert) return [];
        var members = await db.Set<ProgrammePanelMember>().Where(m => m.ExpertId == expert.Id).ToListAsync(ct);
        var drawIds = members.Select(m => m.DrawId).ToArray();
        var draws = await db.Set<ProgrammeDraw>().Where(d => drawIds.Contains(d.Id) && d.Status == DrawLog.Drawn).ToDictionaryAsync(d => d.Id, ct);
        return members.Where(m => draws.ContainsKey(m.DrawId)).Select(m => new Seat(m, draws[m.DrawId], ReviewViews.InputsOf(draws[m.DrawId])))
            .OrderByDescending(s => s.Draw.Id).ToList();
    }

    public static async Task<Seat> SeatAsync(ZhichanDb db, CurrentUser me, long memberId, CancellationToken ct) =>
        (await SeatsAsync(db, me, ct)).FirstOrDefault(s => s.Member.Id == memberId) ?? throw new DomainException("没有这个评审任务", 404);

    /// <summary>The active seat through which the caller reviews the application, with the application; 404 otherwise.</summary>
    public static async Task<(Seat Seat, ProgrammeApplication App)> ForApplicationAsync(ZhichanDb db, CurrentUser me, long applicationId, CancellationToken ct)
    {
        var seat = (await SeatsAsync(db, me, ct)).FirstOrDefault(s => s.Member.Status == "active" && s.Inputs.ApplicationIds.Contains(applicationId))
                   ?? throw new DomainException($"申报 {applicationId} 不存在或不在您参加的评审专家组中", 404);
        var app = await db.Set<ProgrammeApplication>().FirstAsync(a => a.Id == applicationId, ct);
        return (seat, app);
    }
}
