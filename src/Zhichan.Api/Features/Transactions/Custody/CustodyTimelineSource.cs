using Zhichan.Api.Features.Records;

namespace Zhichan.Api.Features.Transactions.Custody;

/// <summary>
/// Custody on a record's timeline (source "custody"): the right taken into and out of a contract the caller may see, fees
/// marked paid and a lapse recorded by the daily check, each linking to the contract.
/// </summary>
public sealed class CustodyTimelineSource(ZhichanDb db) : IRecordTimelineSource
{
    public async Task<IReadOnlyList<TimelineEventView>> ForRecordAsync(long recordId, CurrentUser user, CancellationToken ct)
    {
        var visible = CustodyAccess.Visible(db, user).AsNoTracking();
        var rights = await db.Set<CustodyRight>().AsNoTracking().Where(r => r.RecordId == recordId)
            .Join(visible, r => r.ContractId, c => c.Id, (r, c) => new { r, c.Status }).ToListAsync(ct);
        if (rights.Count == 0) return [];
        var events = new List<TimelineEventView>();
        foreach (var x in rights)
        {
            var href = $"/transactions/custody/contracts/{x.r.ContractId}";
            events.Add(new TimelineEventView(Day(x.r.AddedAt), "custody_added", "纳入托管", $"托管合同 #{x.r.ContractId}（{CustodyStates.Names[x.Status]}）", "custody", Href: href));
            if (x.r.RemovedAt is { } removed)
                events.Add(new TimelineEventView(Day(removed), "custody_removed", "移出托管", $"托管合同 #{x.r.ContractId}", "custody", Href: href));
        }
        var first = $"/transactions/custody/contracts/{rights[0].r.ContractId}";
        var kind = rights[0].r.Kind;
        var number = rights[0].r.Number;
        foreach (var p in await db.Set<CustodyPayment>().AsNoTracking().Where(p => p.Kind == kind && p.Number == number).OrderBy(p => p.PaidOn).ToListAsync(ct))
            events.Add(new TimelineEventView(p.PaidOn, "custody_paid", $"缴纳{RenewalItems.KindNames[p.ItemKind]}",
                $"{(p.ItemKind == RenewalItems.AnnualFee ? $"第 {p.Period} 年" : $"第 {p.Period} 次续展")}，收据号 {p.ReceiptNo}，登记人 {p.PaidByName}", "custody", Href: first));
        foreach (var l in await db.Set<CustodyLapse>().AsNoTracking().Where(l => l.Kind == kind && l.Number == number).ToListAsync(ct))
            events.Add(new TimelineEventView(Day(l.RecordedAt), "custody_lapse", "托管监测：未缴费失效",
                $"{RenewalItems.KindNames[l.ItemKind]}应缴日 {l.DueDate:yyyy-MM-dd}，宽限期至 {l.GraceEnd:yyyy-MM-dd} 未缴", "custody", Href: first));
        return events;
    }

    private static DateOnly Day(DateTimeOffset t) => DateOnly.FromDateTime(ChinaTime.Of(t));
}
