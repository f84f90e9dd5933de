namespace Zhichan.Api.Features.Transactions.Custody;

/// <summary>The contracts the caller may see (own, own agency's clients, region, all), newest first, filtered by state.</summary>
public static class ListCustodyContracts
{
    public static async Task<Ok<Page<ContractRow>>> HandleAsync(string? status, int? page, int? pageSize, ZhichanDb db, CurrentUser me, CancellationToken ct)
    {
        var (_, size, offset) = Paging.Of(page, pageSize, 20, 200);
        if (status is not null && !CustodyStates.Names.ContainsKey(status)) throw new RequestValidationException("status", "合同状态无效");
        var q = CustodyAccess.Visible(db, me).AsNoTracking();
        if (status is not null) q = q.Where(c => c.Status == status);
        var total = await q.CountAsync(ct);
        var rows = await q.OrderByDescending(c => c.Id).Skip(offset).Take(size).ToListAsync(ct);
        return TypedResults.Ok(new Page<ContractRow>(await CustodyViews.RowsAsync(db, rows, ct), total));
    }
}
