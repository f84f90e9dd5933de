using Zhichan.Api.Features.Registries.Experts;

namespace Zhichan.Api.Features.Protection.Cases;

/// <summary>A technical investigator the case may appoint: an active expert of the pool flagged as investigator, with the avoidance check.</summary>
/// <param name="UserId">The expert's account, if any.</param>
/// <param name="OrgUnitName">The expert's employer (or the unit of the account when no employer is recorded).</param>
/// <param name="Conflict">The reasons to avoid (回避), joined; null when there are none.</param>
public sealed record ExpertDto(long ExpertId, long? UserId, string Name, string? Title, string? OrgUnitName, string[] SpecialtyLabels, bool IsExample,
    string? Conflict);

/// <summary>
/// Technical investigators come from the expert pool (ADR 0026): the active experts flagged as investigators. The conflict check
/// (利害关系检查) is the pool's avoidance check of each expert against the case's parties — complainant, respondent, right owner —
/// reading the expert's name, employer and employer history, account unit and declared relations.
/// </summary>
public static class CaseExperts
{
    internal static AvoidanceParty[] Parties(Complaint c) =>
        new[] { new AvoidanceParty("投诉人", c.ComplainantName), new AvoidanceParty("被投诉人", c.RespondentName), new AvoidanceParty("权利人", c.RightOwner ?? "") }
            .Where(p => p.Name.Trim().Length > 0).ToArray();

    internal static async Task<Dictionary<long, string?>> ConflictsAsync(ZhichanDb db, Complaint c, IReadOnlyCollection<long> expertIds, DateOnly today, CancellationToken ct) =>
        (await ExpertAvoidance.CheckAsync(db, expertIds, Parties(c), today, "本案", ct))
        .ToDictionary(r => r.ExpertId, r => r.Conflicts.Length == 0 ? null : string.Join("；", r.Conflicts.Select(x => x.Reason)));

    internal static async Task<Dictionary<long, string>> AccountUnitsAsync(ZhichanDb db, IEnumerable<long> userIds, CancellationToken ct)
    {
        var ids = userIds.ToArray();
        return await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id) && u.OrgUnit != null).Select(u => new { u.Id, Unit = u.OrgUnit!.Name })
            .ToDictionaryAsync(u => u.Id, u => u.Unit, ct);
    }
}
