using Zhichan.Api.Features.Protection.Intake;
using static Zhichan.Api.Features.Protection.Cases.CaseQueries;

namespace Zhichan.Api.Features.Protection.Cases;

public sealed record ExpertDto(long UserId, string Name, string? OrgUnitName, string? Conflict);

/// <summary>Mediation records, technical investigators with the conflict check, referrals (行刑衔接) and their replies.</summary>
public static class CaseExperts
{
    /// <summary>Conflict of interest: the expert belongs to, or is, a party (complainant, respondent, right owner), or already works for one in this case.</summary>
    internal static string? Conflict(Complaint c, string expertName, string? expertOrg)
    {
        var parties = new[] { c.ComplainantName, c.RespondentName, c.RightOwner ?? "" }.Where(p => p.Length > 0).Select(IntakeRules.Normalise).ToList();
        if (parties.Contains(IntakeRules.Normalise(expertName))) return $"专家“{expertName}”是本案当事人";
        if (expertOrg is not null && parties.Contains(IntakeRules.Normalise(expertOrg))) return $"专家所在单位“{expertOrg}”是本案当事人";
        return null;
    }

    internal static async Task<List<(long Id, string Name, string? Org)>> ExpertsAsync(ZhichanDb db, CancellationToken ct) =>
        (await db.Users.AsNoTracking().Where(u => u.Role == Roles.Expert && u.IsActive)
            .Select(u => new { u.Id, u.DisplayName, Org = u.OrgUnit != null ? u.OrgUnit.Name : null }).ToListAsync(ct))
        .Select(u => (u.Id, u.DisplayName, u.Org)).ToList();
}
