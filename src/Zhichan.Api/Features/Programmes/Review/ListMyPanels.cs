namespace Zhichan.Api.Features.Programmes.Review;

public sealed record MyPanelApplication(long Id, string ApplicantName, string Status, string StatusLabel, string ScoreState, string ScoreStateLabel, decimal? Total);

public sealed record MyPanel(long MemberId, long DrawId, long CallId, string CallTitle, string ProgrammeName, int Position, string Role, string RoleLabel,
    string Status, string StatusLabel, bool Accepted, DateOnly? ReviewTo, MyPanelApplication[] Applications);

/// <summary>The expert's own panels (valid draws only) and, where the expert sits as an active member, the applications to score.</summary>
public static class ListMyPanels
{
    public static async Task<Ok<MyPanel[]>> HandleAsync(ZhichanDb db, CurrentUser me, CancellationToken ct) =>
        TypedResults.Ok(await LoadAsync(db, me, ct));

    internal static async Task<MyPanel[]> LoadAsync(ZhichanDb db, CurrentUser me, CancellationToken ct)
    {
        var seats = await ExpertSeats.SeatsAsync(db, me, ct);
        if (seats.Count == 0) return [];
        var callIds = seats.Select(s => s.Draw.CallId).Distinct().ToArray();
        var calls = await db.Set<ProgrammeCall>().AsNoTracking().Where(c => callIds.Contains(c.Id))
            .Join(db.Set<ProgrammeType>(), c => c.TypeId, t => t.Id, (c, t) => new { c.Id, c.Title, c.ReviewTo, Type = t.Name }).ToDictionaryAsync(c => c.Id, ct);
        var appIds = seats.Where(s => s.Member.Status == "active").SelectMany(s => s.Inputs.ApplicationIds).Distinct().ToArray();
        var apps = await db.Set<ProgrammeApplication>().AsNoTracking().Where(a => appIds.Contains(a.Id)).ToDictionaryAsync(a => a.Id, ct);
        var memberIds = seats.Select(s => s.Member.Id).ToArray();
        var scores = await db.Set<ProgrammeScore>().AsNoTracking().Where(s => memberIds.Contains(s.MemberId)).ToListAsync(ct);
        var accepted = await db.Set<ProgrammeDrawEvent>().AsNoTracking().Where(e => e.Action == "accept" && e.ActorId == me.Id && seats.Select(s => s.Draw.Id).Contains(e.DrawId))
            .Select(e => e.DrawId).ToListAsync(ct);
        return seats.Select(s =>
        {
            var c = calls[s.Draw.CallId];
            var list = s.Member.Status != "active" ? [] : s.Inputs.ApplicationIds.Where(apps.ContainsKey).Select(id =>
            {
                var a = apps[id];
                var sc = scores.FirstOrDefault(x => x.MemberId == s.Member.Id && x.ApplicationId == id);
                var state = sc is null ? "none" : sc.SubmittedAt is null ? "draft" : "submitted";
                return new MyPanelApplication(a.Id, a.ApplicantName, a.Status, ApplicationStates.Machine.StateName(a.Status), state, ScoreStates[state], sc?.Total);
            }).ToArray();
            return new MyPanel(s.Member.Id, s.Draw.Id, c.Id, c.Title, c.Type, s.Member.Position, s.Member.Role, DrawLog.RoleLabels[s.Member.Role], s.Member.Status,
                DrawLog.StatusLabels[s.Member.Status], accepted.Contains(s.Draw.Id), c.ReviewTo, list);
        }).ToArray();
    }

    public static readonly IReadOnlyDictionary<string, string> ScoreStates = new Dictionary<string, string>
    {
        ["none"] = "未评分", ["draft"] = "已暂存", ["submitted"] = "已提交",
    };
}
