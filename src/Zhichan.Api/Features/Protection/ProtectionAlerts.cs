using Zhichan.Api.Platform.Notifications;

namespace Zhichan.Api.Features.Protection;

/// <summary>
/// The notifications protection raises (ADR 0205). Each is added to the caller's unit of work, so it is written in the same
/// transaction as the event, and carries a dedupe key, so the same event never notifies twice.
/// </summary>
public static class ProtectionAlerts
{
    public const string FastTrackType = "protection.fast_track", DueSoonType = "protection.due_soon", OverdueType = "protection.overdue",
        ReferralLateType = "protection.referral_late", ReferralReminderType = "protection.referral_reminder",
        ConfirmationAppliedType = "protection.confirmation_applied", ConfirmationRulingType = "protection.confirmation_ruling",
        CreditRepairType = "protection.credit_repair", CreditReviewedType = "protection.credit_reviewed";

    public static string CaseLink(long id) => $"/protection/cases/{id}";

    internal static async Task<long?> BureauAsync(ZhichanDb db, CancellationToken ct) =>
        await db.OrgUnits.AsNoTracking().Where(u => u.Kind == OrgUnitKinds.Bureau).OrderBy(u => u.Id).Select(u => (long?)u.Id).FirstOrDefaultAsync(ct);

    /// <summary>The unit that answers for a case: its handling unit, else the bureau.</summary>
    internal static async Task<long?> ResponsibleUnitAsync(ZhichanDb db, Complaint c, CancellationToken ct) => c.HandlingUnitId ?? await BureauAsync(db, ct);

    /// <summary>A fast-track case reaches (or is assigned to) its handling unit: once per case and unit.</summary>
    public static async Task FastTrackAsync(ZhichanDb db, Complaint c, CancellationToken ct)
    {
        if (!c.FastTrack || c.HandlingUnitId is not { } unit || !CaseStatus.Open.Contains(c.Status)) return;
        await Notifier.ToUnitAsync(db, unit, new NotificationMessage(FastTrackType, $"快速通道案件 {c.ReceiptNumber}",
            $"{ComplaintTypes.Labels[c.Type]}：{c.RespondentName}。依据：{string.Join("；", c.FastTrackReasons)}。受理期限 {c.AcceptDue:yyyy-MM-dd}。",
            CaseLink(c.Id), "complaints", c.Id.ToString(), $"protection:fast_track:{c.Id}:{unit}"), ct);
    }
}
