namespace Zhichan.Api.Features.Programmes.Review;

/// <summary>
/// 递补 (ADR 0041): a member who declines or must avoid leaves the panel (for every application of the panel) and the first
/// waiting reserve in draw order takes the seat, replacing that member; both steps are logged. With no reserve left nothing
/// changes and the answer says so (409) — the bureau may then re-draw.
/// </summary>
public static class PanelReplacement
{
    public static async Task<ProgrammePanelMember> ReplaceAsync(ZhichanDb db, ProgrammeDraw draw, ProgrammePanelMember member, string status, string reason,
        CurrentUser me, CancellationToken ct)
    {
        if (draw.Status != DrawLog.Drawn) throw new DomainException("该抽取已作废（已重新抽取），不能再递补");
        if (member.Status != "active") throw new DomainException($"该专家当前状态为“{DrawLog.StatusLabels[member.Status]}”，只有在组评审的专家可以被替换");
        var next = await db.Set<ProgrammePanelMember>().Where(m => m.DrawId == draw.Id && m.Role == "reserve" && m.Status == "waiting")
            .OrderBy(m => m.Position).FirstOrDefaultAsync(ct)
            ?? throw new DomainException("候补专家已全部递补，没有可递补的专家；请重新抽取专家组（说明理由）");
        member.Status = status;
        member.Note = reason;
        member.UpdatedAt = DateTimeOffset.UtcNow;
        next.Status = "active";
        next.Replaces = member.Id;
        next.UpdatedAt = DateTimeOffset.UtcNow;
        var names = await db.Set<Registries.Experts.Expert>().Where(e => e.Id == member.ExpertId || e.Id == next.ExpertId).ToDictionaryAsync(e => e.Id, e => e.Name, ct);
        DrawLog.Add(db, draw, status == "declined" ? "decline" : "conflict", me, $"第 {member.Position} 位 {names[member.ExpertId]}：{reason}");
        DrawLog.Add(db, draw, "replace", me, $"候补第 {next.Position} 位 {names[next.ExpertId]} 递补第 {member.Position} 位 {names[member.ExpertId]}");
        await ReviewNotices.SeatedAsync(db, draw, [next.ExpertId], ct);
        return next;
    }
}
