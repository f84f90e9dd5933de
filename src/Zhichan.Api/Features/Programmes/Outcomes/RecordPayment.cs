using Zhichan.Api.Features.Indicators;

namespace Zhichan.Api.Features.Programmes.Outcomes;

/// <param name="Status">planned or paid (a payment is returned later with UpdatePayment).</param>
/// <param name="PaidOn">The day of payment; defaults to today when paid.</param>
public sealed record RecordPaymentRequest(decimal? Amount, string? Status, DateOnly? PaidOn, string? Reference, string? Note);

/// <summary>
/// A payment record of an approved application (ADR 0045): planned or paid, with date and reference. Planned and paid payments
/// together never exceed the granted amount (a returned one frees its share). Refreshes 资助金额.
/// </summary>
public static class RecordPayment
{
    public static async Task<Ok<ProgrammePaymentView>> HandleAsync(long id, RecordPaymentRequest req, ZhichanDb db, CurrentUser me, TimeProvider clock,
        IndicatorComputer indicators, CancellationToken ct)
    {
        var (app, _) = await OutcomeRules.LoadApplicationAsync(db, id, ct);
        var v = new Validation();
        if (req.Amount is not { } amount || amount <= 0) v.Add("amount", "拨付金额应大于 0");
        var status = req.Status ?? PaymentStatuses.Planned;
        v.OneOf("status", status, [PaymentStatuses.Planned, PaymentStatuses.Paid], "状态");
        Check(v, req.Reference, req.Note);
        v.ThrowIfInvalid();
        if (app.Status != ApplicationStates.Approved) throw new DomainException($"申报当前状态为“{ApplicationStates.Names[app.Status]}”，只有已认定/立项的申报可以拨付");
        await EnsureWithinGrantAsync(db, app, req.Amount!.Value, null, ct);
        var today = ChinaTime.Today(clock);
        var p = new ProgrammePayment
        {
            ApplicationId = app.Id, Amount = req.Amount.Value, Status = status, PaidOn = status == PaymentStatuses.Paid ? req.PaidOn ?? today : req.PaidOn,
            Reference = Blank(req.Reference), Note = Blank(req.Note), CreatedBy = me.Id,
        };
        db.Add(p);
        ApplicationWorkflow.Record(db, app, "pay", me, $"{PaymentStatuses.Names[status]} {OutcomeRules.Yuan(p.Amount)}{(p.Reference is null ? "" : $"（{p.Reference}）")}");
        await db.SaveChangesAsync(ct);
        await indicators.RefreshModuleIndicatorsAsync(ct, ProgrammeIndicators.Codes);
        return TypedResults.Ok(PaymentStatuses.View(p));
    }

    /// <summary>Refuses when planned and paid payments (other than <paramref name="except"/>) plus <paramref name="amount"/> exceed the granted amount.</summary>
    public static async Task EnsureWithinGrantAsync(ZhichanDb db, ProgrammeApplication app, decimal amount, long? except, CancellationToken ct)
    {
        var granted = app.AmountGranted ?? 0;
        var committed = await db.Set<ProgrammePayment>().Where(p => p.ApplicationId == app.Id && p.Status != PaymentStatuses.Returned && p.Id != except)
            .SumAsync(p => (decimal?)p.Amount, ct) ?? 0;
        if (committed + amount > granted)
            throw new DomainException($"拨付合计不能超过核定金额 {OutcomeRules.Yuan(granted)}：已计划及拨付 {OutcomeRules.Yuan(committed)}，本次 {OutcomeRules.Yuan(amount)}");
    }

    public static void Check(Validation v, string? reference, string? note) =>
        v.MaxLength("reference", reference?.Trim(), 100, "拨付凭证号").PlainText("reference", reference, "拨付凭证号")
            .MaxLength("note", note?.Trim(), 500, "备注").PlainText("note", note, "备注");

    public static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
