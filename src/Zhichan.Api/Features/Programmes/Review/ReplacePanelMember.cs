namespace Zhichan.Api.Features.Programmes.Review;

/// <param name="Status">declined (谢绝) or conflict (回避).</param>
public sealed record ReplacePanelMemberRequest(string? Status, string? Reason);

/// <summary>The bureau replaces a member who declined or must avoid: the first waiting reserve takes the seat (递补), logged with the reason.</summary>
public static class ReplacePanelMember
{
    public static async Task<Ok<ExpertDrawDto>> HandleAsync(long id, long memberId, ReplacePanelMemberRequest? req, ZhichanDb db, CurrentUser me, CancellationToken ct)
    {
        var draw = await db.Set<ProgrammeDraw>().FirstOrDefaultAsync(d => d.Id == id, ct) ?? throw new DomainException($"专家抽取 {id} 不存在", 404);
        var member = await db.Set<ProgrammePanelMember>().FirstOrDefaultAsync(m => m.Id == memberId && m.DrawId == id, ct)
                     ?? throw new DomainException("该抽取中没有这位专家", 404);
        var reason = req?.Reason?.Trim();
        new Validation().OneOf("status", req?.Status ?? "", ["declined", "conflict"], "替换原因类别").Required("reason", reason, "替换理由")
            .MaxLength("reason", reason, 1000, "替换理由").ThrowIfInvalid();
        await PanelReplacement.ReplaceAsync(db, draw, member, req!.Status!, reason!, me, ct);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(await ReviewViews.ToDtoAsync(db, draw, false, ct));
    }
}
