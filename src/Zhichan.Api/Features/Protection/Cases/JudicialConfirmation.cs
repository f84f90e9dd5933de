using static Zhichan.Api.Features.Protection.Cases.CaseQueries;

namespace Zhichan.Api.Features.Protection.Cases;

/// <summary>
/// 调解协议司法确认 (ADR 0207): after a mediation agreement the parties apply to a court within 30 days of the agreement
/// (人民调解法 第三十三条); the handler records the application (court, date), and the court — its own account when the court
/// is on the platform (demo `court`), else the handler on its behalf — records the ruling (confirmed or refused, date, document number).
/// </summary>
public static class JudicialConfirmation
{
    public const int ApplicationDays = 30;

    internal static MediationDto ToDto(Mediation m, Complaint c, CurrentUser me) => new(m.Id, m.HeldOn, m.Mediator, m.Participants, m.Result, m.Agreement,
        m.JudicialConfirmation, m.CourtUnitId, m.CourtName, m.ConfirmationAppliedOn, m.Ruling, m.RulingOn, m.RulingDocumentNumber, m.RulingNote,
        CanApply(m, c, me), CanRule(m, me));

    internal static bool CanApply(Mediation m, Complaint c, CurrentUser me) =>
        CaseQueries.CanHandle(me) && m.Result == "agreement" && m.ConfirmationAppliedOn is null && c.Status is CaseStatus.Mediating or CaseStatus.Closed;

    internal static bool CanRule(Mediation m, CurrentUser me) =>
        m.ConfirmationAppliedOn is not null && m.Ruling is null
        && (me.IsStaff || (m.CourtUnitId is { } court ? court == me.OrgUnitId : CaseQueries.CanHandle(me)));

    internal static async Task<Mediation> FindAsync(ZhichanDb db, Complaint c, long mediationId, CancellationToken ct) =>
        await db.Set<Mediation>().FirstOrDefaultAsync(m => m.Id == mediationId && m.ComplaintId == c.Id, ct)
        ?? throw new DomainException($"调解记录 {mediationId} 不存在", 404);
}
