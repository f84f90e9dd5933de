using Zhichan.Api.Features.Transactions.Rights;

namespace Zhichan.Api.Features.Transactions.Custody;

public sealed record ScheduleItemView(string ItemKind, string ItemKindName, int Period, string PeriodText, DateOnly DueDate, DateOnly? WindowStart, DateOnly? GraceEnd,
    decimal? Amount, decimal? Surcharge, string Status, string StatusName, int DaysLeft);

/// <param name="GrantYear">The patent year of grant (授权当年), whose fee is paid with the registration formalities.</param>
public sealed record RenewalScheduleView(CheckedRight Right, DateOnly AsOf, int? GrantYear, DateOnly? ExpiryDate, int? TermYears, string? Note,
    IReadOnlyList<ScheduleItemView> Items, string FeeSource);

/// <summary>
/// The whole schedule of one right from the records as of a day (default today): every annual fee from the year after grant
/// to the end of the term, or every trademark renewal up to the next open one, each with its grace end and the surcharge of that day.
/// </summary>
public static class GetRenewalSchedule
{
    public static async Task<Ok<RenewalScheduleView>> HandleAsync(string? kind, string? number, DateOnly? asOf, ZhichanDb db, NpgsqlDataSource data, TimeProvider clock,
        CancellationToken ct)
    {
        var v = new Validation();
        v.OneOf("kind", kind, RightKinds.All, "权利类型").Required("number", number, "号码");
        v.ThrowIfInvalid();
        var right = (await CustodyRightChecks.CheckAsync([new RightInput(kind!, number!)], null, data, ct))[0];
        if (right.Error is { } e) throw new RequestValidationException("number", e);
        var day = asOf ?? ChinaTime.Today(clock);
        var records = await CustodyTracking.RecordsAsync(data, [right.RecordId], ct);
        var record = right.RecordId is { } id ? records.GetValueOrDefault(id) : null;
        var paid = (await CustodyTracking.PaymentsAsync(db, [(right.Kind, right.Number)], ct)).GetValueOrDefault((right.Kind, right.Number)) ?? [];
        var s = RenewalRules.Compute(right.Kind, record, day, paid);
        var term = record?.ApplicationDate is { } filed ? RenewalRules.TermYears(record.RightType, filed) : null;
        return TypedResults.Ok(new RenewalScheduleView(right, day, s.GrantYear, s.ExpiryDate, term, s.Note,
            s.Items.Select(i => new ScheduleItemView(i.ItemKind, RenewalItems.KindNames[i.ItemKind], i.Period, RenewalCalendar.PeriodText(i), i.DueDate, i.WindowStart,
                i.GraceEnd, i.Amount, i.Surcharge, i.Status, RenewalItems.StatusNames[i.Status], i.DaysLeft)).ToList(), RenewalRules.Fees.Source));
    }
}
