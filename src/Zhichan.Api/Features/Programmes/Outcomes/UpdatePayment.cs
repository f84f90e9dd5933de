using Zhichan.Api.Features.Indicators;

namespace Zhichan.Api.Features.Programmes.Outcomes;

/// <param name="Status">paid (from planned) or returned (from paid).</param>
public sealed record UpdatePaymentRequest(string? Status, DateOnly? PaidOn, string? Reference, string? Note);

/// <summary>Moves a payment on: a planned payment is paid (on a day, with a reference); a paid one is returned (退回, with a note).</summary>
public static class UpdatePayment
{
    public static async Task<Ok<ProgrammePaymentView>> HandleAsync(long id, UpdatePaymentRequest req, ZhichanDb db, CurrentUser me, TimeProvider clock,
        IndicatorComputer indicators, CancellationToken ct)
    {
        var p = await db.Set<ProgrammePayment>().FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw new DomainException("拨付记录不存在", 404);
        var v = new Validation();
        v.Required("status", req.Status, "状态").OneOf("status", req.Status, [PaymentStatuses.Paid, PaymentStatuses.Returned], "状态");
        RecordPayment.Check(v, req.Reference, req.Note);
        v.ThrowIfInvalid();
        var allowed = (p.Status, req.Status) is (PaymentStatuses.Planned, PaymentStatuses.Paid) or (PaymentStatuses.Paid, PaymentStatuses.Returned);
        if (!allowed) throw new DomainException($"拨付记录当前为“{PaymentStatuses.Names[p.Status]}”，不能改为“{PaymentStatuses.Names[req.Status!]}”");
        if (req.Status == PaymentStatuses.Returned && string.IsNullOrWhiteSpace(req.Note)) throw new RequestValidationException("note", "退回须说明原因");
        var app = await db.Set<ProgrammeApplication>().FirstAsync(a => a.Id == p.ApplicationId, ct);
        p.Status = req.Status!;
        if (p.Status == PaymentStatuses.Paid) p.PaidOn = req.PaidOn ?? p.PaidOn ?? ChinaTime.Today(clock);
        p.Reference = RecordPayment.Blank(req.Reference) ?? p.Reference;
        p.Note = RecordPayment.Blank(req.Note) ?? p.Note;
        p.UpdatedAt = DateTimeOffset.UtcNow;
        ApplicationWorkflow.Record(db, app, "pay", me, $"{PaymentStatuses.Names[p.Status]} {OutcomeRules.Yuan(p.Amount)}{(p.Note is null ? "" : $"：{p.Note}")}");
        await db.SaveChangesAsync(ct);
        await indicators.RefreshModuleIndicatorsAsync(ct, ProgrammeIndicators.Codes);
        return TypedResults.Ok(PaymentStatuses.View(p));
    }
}
