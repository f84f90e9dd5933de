using Zhichan.Api.Features.Transactions.Rights;

namespace Zhichan.Api.Features.Transactions.Custody;

public sealed record MarkRenewalPaidRequest(string? Kind, string? Number, string? ItemKind, int? Period, DateOnly? PaidOn, string? ReceiptNo);

public sealed record PaymentView(long Id, string Kind, string Number, string ItemKind, int Period, DateOnly DueDate, decimal? Amount, decimal? Surcharge, DateOnly PaidOn,
    string ReceiptNo, string PaidByName);

/// <summary>
/// Marks a due item paid (who, when, receipt number): the enterprise or agency whose calendar holds the right. The fee and the
/// surcharge of the payment day are stored; a day after the grace period is refused (the right has lapsed). Each contract
/// holding the right gets an event.
/// </summary>
public static class MarkRenewalPaid
{
    public static async Task<Created<PaymentView>> HandleAsync(MarkRenewalPaidRequest req, ZhichanDb db, NpgsqlDataSource data, CurrentUser me, TimeProvider clock,
        CancellationToken ct)
    {
        var v = new Validation();
        v.OneOf("kind", req.Kind, RightKinds.All, "权利类型").Required("number", req.Number, "号码")
            .OneOf("itemKind", req.ItemKind, [RenewalItems.AnnualFee, RenewalItems.TrademarkRenewal], "缴费事项")
            .Required("receiptNo", req.ReceiptNo, "收据号").MaxLength("receiptNo", req.ReceiptNo, 60, "收据号").PlainText("receiptNo", req.ReceiptNo, "收据号");
        if (req.Period is not > 0) v.Add("period", "请填写期次（年度或续展次数）");
        var today = ChinaTime.Today(clock);
        if (req.PaidOn is null) v.Add("paidOn", "请填写缴费日期");
        else if (req.PaidOn > today) v.Add("paidOn", "缴费日期不能晚于今天");
        v.ThrowIfInvalid();

        var tracked = (await CustodyTracking.ForAsync(db, data, me, ct)).FirstOrDefault(t => t.Kind == req.Kind && (t.Number == req.Number!.Trim()))
                      ?? throw new DomainException("该权利不在本单位的托管或关注清单中，不能登记缴费", 404);
        var records = await CustodyTracking.RecordsAsync(data, [tracked.RecordId], ct);
        var paid = (await CustodyTracking.PaymentsAsync(db, [(tracked.Kind, tracked.Number)], ct)).GetValueOrDefault((tracked.Kind, tracked.Number)) ?? [];
        if (paid.ContainsKey((req.ItemKind!, req.Period!.Value))) throw new DomainException("该事项已登记缴费", 409);
        var s = RenewalRules.Compute(tracked.Kind, tracked.RecordId is { } id ? records.GetValueOrDefault(id) : null, req.PaidOn!.Value, paid, tracked.Since);
        var item = s.Items.FirstOrDefault(i => i.ItemKind == req.ItemKind && i.Period == req.Period)
                   ?? throw new RequestValidationException("period", s.Note ?? $"该权利没有{RenewalItems.KindNames[req.ItemKind!]}“{req.Period}”这一期（或其前一期尚未缴纳）");
        if (item.Status == RenewalItems.Lapsed)
            throw new DomainException($"宽限期已于 {item.GraceEnd:yyyy-MM-dd} 届满，权利已失效，不能登记该期缴费", 409);

        var p = new CustodyPayment
        {
            Kind = tracked.Kind, Number = tracked.Number, RecordId = tracked.RecordId, ItemKind = item.ItemKind, Period = item.Period, DueDate = item.DueDate,
            Amount = item.Amount, Surcharge = item.Surcharge ?? (item.Amount is null ? null : 0), PaidOn = req.PaidOn.Value, ReceiptNo = req.ReceiptNo!.Trim(),
            PaidBy = me.Id, PaidByName = me.Name,
        };
        db.Add(p);
        var contracts = await db.Set<CustodyContract>().Where(c => tracked.ContractIds.Contains(c.Id)).ToListAsync(ct);
        foreach (var c in contracts)
            db.Add(CustodyAccess.Event(c, me, "paid", null, null,
                $"{RightKinds.Names[p.Kind]} {p.Number} {RenewalItems.KindNames[p.ItemKind]}{RenewalCalendar.PeriodText(item)}，{p.PaidOn:yyyy-MM-dd} 缴纳，收据号 {p.ReceiptNo}"));
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/transactions/custody/payments/{p.Id}",
            new PaymentView(p.Id, p.Kind, p.Number, p.ItemKind, p.Period, p.DueDate, p.Amount, p.Surcharge, p.PaidOn, p.ReceiptNo, p.PaidByName));
    }
}
