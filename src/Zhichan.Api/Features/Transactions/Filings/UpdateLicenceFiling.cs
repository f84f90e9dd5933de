namespace Zhichan.Api.Features.Transactions.Filings;

/// <summary>The filer edits a filing in 草稿, 不予备案 (to resubmit) or 变更 (the new version of an approved filing).</summary>
public static class UpdateLicenceFiling
{
    public static async Task<Ok<FilingResult>> HandleAsync(long id, FilingForm req, ZhichanDb db, NpgsqlDataSource data, CurrentUser me, TimeProvider clock, CancellationToken ct)
    {
        var f = await FilingQueries.LoadAsync(db, me, id, ct);
        if (!FilingQueries.MayFile(f, me)) throw new DomainException("该备案由当事人或代理机构办理，知识产权局不能代为修改");
        if (f.State is not (FilingStates.Draft or FilingStates.Refused or FilingStates.Changing))
            throw new DomainException($"备案当前状态为“{FilingStates.Names[f.State]}”，不能修改（已备案的合同请先申请变更）");
        if (req.Kind is not null && req.Kind != f.Kind && f.State != FilingStates.Draft) throw new RequestValidationException("kind", "已提交过的备案不能改变类型");
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var (parties, rights) = await CreateLicenceFiling.ApplyFormAsync(db, data, f, req, me, ct);
        await CreateLicenceFiling.ReplaceChildrenAsync(db, f, parties, rights, ct);
        await FilingQueries.AddEventAsync(db, f, "update", f.State, null, me, ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return TypedResults.Ok(new FilingResult(await FilingQueries.DetailAsync(db, f, me, clock, ct), null));
    }
}
