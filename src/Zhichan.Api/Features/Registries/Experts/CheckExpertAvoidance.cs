namespace Zhichan.Api.Features.Registries.Experts;

/// <param name="ExpertIds">The experts to check; none = every active expert (or every active investigator with <paramref name="InvestigatorsOnly"/>).</param>
/// <param name="Matter">How the reasons name the matter: 本案 (default), 本项目 …</param>
public sealed record AvoidanceRequest(long[]? ExpertIds, AvoidanceParty[]? Parties, bool? InvestigatorsOnly, string? Matter);

/// <summary>
/// The avoidance check over HTTP (bureau): experts × the parties of a matter → the conflicts with their reasons. The same check
/// protection runs before appointing a technical investigator and programmes before an expert draw (ExpertAvoidance).
/// </summary>
public static class CheckExpertAvoidance
{
    public static async Task<Ok<ExpertAvoidanceResult[]>> HandleAsync(AvoidanceRequest req, ZhichanDb db, TimeProvider clock, CancellationToken ct)
    {
        var v = new Validation();
        var parties = req.Parties ?? [];
        if (parties.Length == 0) v.Add("parties", "请至少填写一个当事人");
        if (parties.Length > 50) v.Add("parties", "当事人最多 50 个");
        for (var i = 0; i < parties.Length; i++)
        {
            if (string.IsNullOrWhiteSpace(parties[i].Name)) v.Add($"parties[{i}].name", $"第 {i + 1} 个当事人缺少名称");
            if (string.IsNullOrWhiteSpace(parties[i].Role)) v.Add($"parties[{i}].role", $"第 {i + 1} 个当事人缺少身份（如 申请人、被投诉人）");
        }
        if ((req.ExpertIds?.Length ?? 0) > 500) v.Add("expertIds", "一次最多检查 500 名专家");
        v.MaxLength("matter", req.Matter, 20, "事项名称");
        v.ThrowIfInvalid();
        var ids = req.ExpertIds is { Length: > 0 } given ? given
            : await db.Set<Expert>().Where(e => e.IsActive && (req.InvestigatorsOnly != true || e.IsInvestigator)).OrderBy(e => e.Id).Select(e => e.Id).ToArrayAsync(ct);
        var results = await ExpertAvoidance.CheckAsync(db, ids, parties, ChinaTime.Today(clock), string.IsNullOrWhiteSpace(req.Matter) ? "本案" : req.Matter.Trim(), ct);
        if (req.ExpertIds is { Length: > 0 } && results.Count < ids.Distinct().Count())
            throw new DomainException($"专家 {string.Join("、", ids.Except(results.Select(r => r.ExpertId)))} 不存在", 404);
        return TypedResults.Ok(results.ToArray());
    }
}
