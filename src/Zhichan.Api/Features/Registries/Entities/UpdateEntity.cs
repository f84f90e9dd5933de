namespace Zhichan.Api.Features.Registries.Entities;

/// <summary>
/// UpdateEntity: the master data of an entity (the whole form). A new name makes the old one a former name (dated by
/// <c>renamedOn</c>) and resolves the new one to the entity; the credit code is checked (GB 32100) unless it is the
/// exception an administrator accepted; an enterprise account's org unit can be linked or unlinked.
/// </summary>
public static class UpdateEntity
{
    public static async Task<Ok<EntityDetail>> HandleAsync(long id, EntityRequest req, NpgsqlDataSource db, ZhichanDb ef, CurrentUser me,
        Indicators.IndicatorComputer computer, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        var (current, _) = await EntityQueries.LoadVisibleAsync(conn, ef, id, me, ct);
        if (current.Id != id) throw new DomainException($"主体 {id} 已合并到主体 {current.Id}，请在主体 {current.Id} 上修改");
        var code = await EntityRules.ValidateAsync(conn, req, current.CreditCodeException is null ? null : current.CreditCode, ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await EntityStructure.TakeLockAsync(conn, tx, ct);
        var before = await EntityStructure.LockAsync(conn, tx, id, ct);
        await EntityRules.CheckUniqueAsync(conn, tx, id, code, req.OrgUnitId, ct);
        if (req.Name!.Trim() != before.Name) await EntityStructure.RenameAsync(conn, tx, id, req.Name, req.RenamedOn, me, ct);
        var after = new
        {
            kind = req.Kind, code, region = EntityRules.Blank(req.RegionCode), industry = EntityRules.Blank(req.IndustryCode), scale = req.Scale,
            address = EntityRules.Blank(req.Address), note = EntityRules.Blank(req.Note), unit = req.OrgUnitId,
        };
        await conn.ExecuteAsync(new CommandDefinition("""
            UPDATE entities SET kind = @kind, credit_code = @code, region_code = @region, industry_code = @industry, scale = @scale, address = @address, note = @note,
                org_unit_id = @unit, master = true, master_source = COALESCE(master_source, 'manual'), master_since = COALESCE(master_since, now()),
                credit_code_exception = CASE WHEN credit_code IS NOT DISTINCT FROM @code THEN credit_code_exception END,
                credit_code_exception_by = CASE WHEN credit_code IS NOT DISTINCT FROM @code THEN credit_code_exception_by END,
                credit_code_exception_at = CASE WHEN credit_code IS NOT DISTINCT FROM @code THEN credit_code_exception_at END,
                updated_at = now()
            WHERE id = @id
            """, new { after.kind, after.code, after.region, after.industry, after.scale, after.address, after.note, after.unit, id }, tx, cancellationToken: ct));
        if (before.OrgUnitId != req.OrgUnitId)
            await EntityAudit.HistoryAsync(conn, tx, id, null, "org_unit_linked", req.OrgUnitId is null ? "解除与企业账号单位的关联" : "关联企业账号单位", null, me, ct);
        await EntityAudit.HistoryAsync(conn, tx, id, null, "updated", "修改主体信息", null, me, ct);
        await EntityAudit.AuditAsync(conn, tx, me, "update", id.ToString(), before, after, ct);
        await tx.CommitAsync(ct);
        await LabelIndicator.RefreshAsync(computer, ct);
        var (e, _) = await EntityQueries.LoadVisibleAsync(conn, ef, id, me, ct);
        return TypedResults.Ok(await EntityQueries.DetailAsync(conn, ef, e, null, false, ct));
    }
}
