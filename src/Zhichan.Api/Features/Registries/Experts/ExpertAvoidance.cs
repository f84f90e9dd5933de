using Zhichan.Api.Features.Records.Normalisation;

namespace Zhichan.Api.Features.Registries.Experts;

/// <summary>
/// A party of the matter an expert is drawn for: its role (投诉人, 被投诉人, 权利人, 申报单位 …), its name, and its other names
/// (former names and aliases of the resolved entity), each of which is compared.
/// </summary>
public sealed record AvoidanceParty(string Role, string Name, string[]? OtherNames = null);

/// <param name="Ground">What of the expert matched: self, employer, employment, account_unit, or relation:&lt;kind&gt;.</param>
/// <param name="Exact">The names are the same party by the matching key; otherwise one name contains the other (名称相近).</param>
public sealed record AvoidanceConflict(string Ground, string Value, string PartyRole, string PartyName, bool Exact, string Reason);

public sealed record ExpertAvoidanceResult(long ExpertId, string ExpertName, AvoidanceConflict[] Conflicts);

/// <summary>
/// The avoidance check (回避检查, ADR 0026) any module calls before it appoints or draws an expert: the expert's name, current
/// employer, employers of the last <see cref="WindowYears"/> years, the unit of the expert's account and every declared relation
/// that is current or ended within <see cref="WindowYears"/> years are compared with every name of every party. Names are compared
/// by the matching key of the records (width, brackets, punctuation and company forms unified); organisation names also when one
/// contains the other (at least 4 characters), because 恒瑞医药 declared as a stake is 江苏恒瑞医药股份有限公司 in a case. Each
/// conflict carries its reason in Chinese; a caller refuses the appointment when there is one.
/// </summary>
public static class ExpertAvoidance
{
    public const int WindowYears = 3;

    /// <summary>One fact about an expert that can tie them to a party.</summary>
    public sealed record Tie(string Ground, string Label, string Value, string? Period = null, bool Person = false);

    public static async Task<IReadOnlyList<ExpertAvoidanceResult>> CheckAsync(ZhichanDb db, IReadOnlyCollection<long> expertIds,
        IReadOnlyList<AvoidanceParty> parties, DateOnly today, string matter = "本案", CancellationToken ct = default)
    {
        if (expertIds.Count == 0) return [];
        var ids = expertIds.Distinct().ToArray();
        var experts = await db.Set<Expert>().AsNoTracking().Include(e => e.Employments).Include(e => e.Relations).AsSplitQuery()
            .Where(e => ids.Contains(e.Id)).ToListAsync(ct);
        var userIds = experts.Where(e => e.UserId is not null).Select(e => e.UserId!.Value).ToArray();
        var units = await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id) && u.OrgUnit != null)
            .Select(u => new { u.Id, Unit = u.OrgUnit!.Name }).ToDictionaryAsync(u => u.Id, u => u.Unit, ct);
        return experts.OrderBy(e => Array.IndexOf(ids, e.Id))
            .Select(e => new ExpertAvoidanceResult(e.Id, e.Name,
                Check(TiesOf(e, e.UserId is { } u ? units.GetValueOrDefault(u) : null, today), parties, matter))).ToList();
    }

    /// <summary>The facts of one expert the check compares (relations and employers ended before the window are left out).</summary>
    public static List<Tie> TiesOf(Expert e, string? accountUnit, DateOnly today)
    {
        var since = today.AddYears(-WindowYears);
        var ties = new List<Tie> { new("self", "专家本人", e.Name, Person: true) };
        if (!string.IsNullOrWhiteSpace(e.Employer)) ties.Add(new("employer", "专家现任职单位", e.Employer));
        foreach (var j in e.Employments.Where(j => j.ToOn is null || j.ToOn >= since))
            ties.Add(new("employment", j.ToOn is null ? "专家任职单位" : "专家曾任职单位", j.Employer, Period(j.FromOn, j.ToOn)));
        if (!string.IsNullOrWhiteSpace(accountUnit)) ties.Add(new("account_unit", "专家所在单位", accountUnit));
        foreach (var r in e.Relations.Where(r => r.ToOn is null || r.ToOn >= since))
            ties.Add(new($"relation:{r.Kind}", $"专家申报的利害关系（{RelationKinds.Labels.GetValueOrDefault(r.Kind, r.Kind)}）", r.Party,
                Period(r.FromOn, r.ToOn), Person: r.Kind == RelationKinds.Relative));
        return ties;
    }

    public static AvoidanceConflict[] Check(IReadOnlyList<Tie> ties, IReadOnlyList<AvoidanceParty> parties, string matter)
    {
        var conflicts = new List<AvoidanceConflict>();
        foreach (var tie in ties)
        {
            var key = ApplicantName.NormaliseForMatching(tie.Value);
            if (key.Length == 0) continue;
            foreach (var party in parties)
            foreach (var name in new[] { party.Name }.Concat(party.OtherNames ?? []).Where(n => !string.IsNullOrWhiteSpace(n)).Distinct())
            {
                var partyKey = ApplicantName.NormaliseForMatching(name);
                if (partyKey.Length == 0) continue;
                var exact = partyKey == key;
                var near = !exact && !tie.Person && Math.Min(key.Length, partyKey.Length) >= 4 && (partyKey.Contains(key) || key.Contains(partyKey));
                if (!exact && !near) continue;
                var period = tie.Period is null ? "" : $"（{tie.Period}）";
                var reason = exact
                    ? $"{tie.Label}“{tie.Value}”{period}是{matter}当事人（{party.Role}{(name == tie.Value ? "" : $"“{name}”")}）"
                    : $"{tie.Label}“{tie.Value}”{period}与{matter}当事人（{party.Role}）“{name}”名称相近，可能为同一主体";
                conflicts.Add(new AvoidanceConflict(tie.Ground, tie.Value, party.Role, name, exact, reason));
                break; // one conflict per tie and party is enough
            }
        }
        return conflicts.DistinctBy(c => c.Reason).ToArray();
    }

    private static string? Period(DateOnly? from, DateOnly? to) =>
        from is null && to is null ? null : $"{from?.ToString("yyyy-MM") ?? "—"} 至 {to?.ToString("yyyy-MM") ?? "今"}";
}
