namespace Zhichan.Api.Features.Transactions.Pledges;

/// <summary>Sets up or changes the pool of a year (bureau): fund size, loss shares (fund : bank : insurer : valuer, summing to 100), caps.</summary>
public static class SavePledgePool
{
    public static async Task<Ok<PoolRules>> HandleAsync(int year, PoolRequest req, ZhichanDb db, CurrentUser me, CancellationToken ct)
    {
        var v = new Validation();
        if (year is < 2000 or > 2100) v.Add("year", "年度应在 2000–2100 之间");
        Money(v, "fundSize", req.FundSize, "资金池规模");
        Share(v, "shareFund", req.ShareFund, "资金池分担比例");
        Share(v, "shareBank", req.ShareBank, "银行分担比例");
        Share(v, "shareInsurer", req.ShareInsurer, "保险机构分担比例");
        Share(v, "shareValuer", req.ShareValuer, "评估机构分担比例");
        if (req.ShareFund is { } f && req.ShareBank is { } b && req.ShareInsurer is { } i && req.ShareValuer is { } s && f + b + i + s != 100)
            v.Add("shareFund", $"四方分担比例之和应为 100（现为 {f + b + i + s:0.##}）");
        Money(v, "capPerLoan", req.CapPerLoan, "单笔补偿上限");
        Money(v, "capPerYear", req.CapPerYear, "年度补偿上限");
        v.MaxLength("note", req.Note, 2000, "说明").PlainText("note", req.Note, "说明");
        v.ThrowIfInvalid();
        var pool = await db.Set<PledgePool>().FirstOrDefaultAsync(p => p.Year == year, ct);
        if (pool is null) db.Set<PledgePool>().Add(pool = new PledgePool { Year = year, CreatedBy = me.Id });
        pool.FundSize = req.FundSize!.Value;
        pool.ShareFund = req.ShareFund!.Value;
        pool.ShareBank = req.ShareBank!.Value;
        pool.ShareInsurer = req.ShareInsurer!.Value;
        pool.ShareValuer = req.ShareValuer!.Value;
        pool.CapPerLoan = req.CapPerLoan!.Value;
        pool.CapPerYear = req.CapPerYear!.Value;
        pool.Note = PledgeAccess.Clean(req.Note);
        pool.IsExample = req.IsExample ?? pool.IsExample;
        pool.UpdatedAt = DateTimeOffset.UtcNow;
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(GetPledgePool.ToRules(pool));
    }

    private static void Money(Validation v, string field, decimal? value, string label)
    {
        if (value is null) v.Add(field, $"{label}不能为空");
        else if (value < 0 || decimal.Round(value.Value, 2) != value) v.Add(field, $"{label}应为不小于 0 的金额（元，最多两位小数）");
    }

    private static void Share(Validation v, string field, decimal? value, string label)
    {
        if (value is null) v.Add(field, $"{label}不能为空");
        else if (value is < 0 or > 100 || decimal.Round(value.Value, 2) != value) v.Add(field, $"{label}应在 0–100 之间（百分比）");
    }
}
